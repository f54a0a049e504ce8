package io.antpath.sdk.errors;

/** 409: The Idempotency-Key was used before with a different request; use a new key. */
public class IdempotencyConflictException extends ConflictException {
  private static final long serialVersionUID = 1L;

  public IdempotencyConflictException(
      int statusCode, String code, String detail, String requestId, String body) {
    super(statusCode, code, detail, requestId, body);
  }
}
