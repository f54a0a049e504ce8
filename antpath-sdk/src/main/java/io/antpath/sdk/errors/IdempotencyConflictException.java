package io.antpath.sdk.errors;

/** 409: The Idempotency-Key was used before with a different request; use a new key. */
public class IdempotencyConflictException extends ConflictException {
  private static final long serialVersionUID = 1L;

  /**
   * Used by the SDK's error mapping; public so tests of your code can create one.
   *
   * @param statusCode the HTTP status
   * @param code the problem's stable error code, or null
   * @param detail the problem's detail, or null
   * @param requestId the request id, or null
   * @param body the response body as received
   */
  public IdempotencyConflictException(
      int statusCode, String code, String detail, String requestId, String body) {
    super(statusCode, code, detail, requestId, body);
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
   */
  public IdempotencyConflictException(
      int statusCode,
      String code,
      String detail,
      String requestId,
      String body,
      java.util.Map<String, java.util.List<String>> headers) {
    super(statusCode, code, detail, requestId, body, headers);
  }
}
