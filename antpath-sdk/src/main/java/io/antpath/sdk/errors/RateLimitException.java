package io.antpath.sdk.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * 429 — too many requests; {@link #retryAfter()} says how long to wait. Retried automatically
 * first.
 */
public class RateLimitException extends AntpathServiceException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  public RateLimitException(
      int statusCode,
      String code,
      String detail,
      String requestId,
      String body,
      Duration retryAfter) {
    super(statusCode, code, detail, requestId, body);
    this.retryAfter = retryAfter;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
