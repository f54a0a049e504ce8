package io.antpath.sdk.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * 429 — too many requests; {@link #retryAfter()} says how long to wait. Retried automatically
 * first, unless the server asks for a wait longer than 60 s.
 */
public class RateLimitException extends AntpathServiceException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  /**
   * Used by the SDK's error mapping; public so tests of your code can create one.
   *
   * @param statusCode the HTTP status
   * @param code the problem's stable error code, or null
   * @param detail the problem's detail, or null
   * @param requestId the request id, or null
   * @param body the response body as received
   * @param retryAfter the server's {@code Retry-After}, or null
   */
  public RateLimitException(
      int statusCode,
      String code,
      String detail,
      String requestId,
      String body,
      Duration retryAfter) {
    this(statusCode, code, detail, requestId, body, java.util.Map.of(), retryAfter);
  }

  /**
   * Used by the SDK's error mapping; public so tests of your code can create one.
   *
   * @param statusCode the HTTP status
   * @param code the problem's stable error code, or null
   * @param detail the problem's detail, or null
   * @param requestId the request id, or null
   * @param body the response body as received
   * @param headers the response headers
   * @param retryAfter the server's {@code Retry-After}, or null
   */
  public RateLimitException(
      int statusCode,
      String code,
      String detail,
      String requestId,
      String body,
      java.util.Map<String, java.util.List<String>> headers,
      Duration retryAfter) {
    super(statusCode, code, detail, requestId, body, headers);
    this.retryAfter = retryAfter;
  }

  /**
   * How long the server asked to wait ({@code Retry-After}, seconds or HTTP-date).
   *
   * @return the wait, when the server said
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
