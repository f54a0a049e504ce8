package io.antpath.sdk.http;

import java.time.Duration;

/**
 * Told about every retry: which attempt, why (HTTP status, or 0 for a connection failure), how long
 * the client waits, and the method and path. Never sees headers, bodies or secrets.
 */
@FunctionalInterface
public interface RetryListener {
  /**
   * Called before the client waits to retry.
   *
   * @param attempt the attempt that failed, from 1
   * @param status the HTTP status of the failed attempt, or 0 when the connection failed
   * @param delay how long the client waits before the next attempt
   * @param method the HTTP method
   * @param path the path relative to the base URL, or {@code (signed link)} for downloads
   */
  void retrying(int attempt, int status, Duration delay, String method, String path);

  /** A listener that ignores every retry. */
  RetryListener NONE = (attempt, status, delay, method, path) -> {};
}
