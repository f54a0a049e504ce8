package io.antpath.sdk.http;

import java.time.Duration;

/**
 * Told about every retry: which attempt, why (HTTP status, or 0 for a connection failure), how long
 * the client waits, and the method and path. Never sees headers, bodies or secrets.
 */
@FunctionalInterface
public interface RetryListener {
  void retrying(int attempt, int status, Duration delay, String method, String path);

  RetryListener NONE = (attempt, status, delay, method, path) -> {};
}
