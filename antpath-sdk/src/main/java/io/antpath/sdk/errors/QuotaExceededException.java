package io.antpath.sdk.errors;

/** 409: A workspace cap is reached (queued runs or storage). */
public class QuotaExceededException extends ConflictException {
  private static final long serialVersionUID = 1L;

  public QuotaExceededException(
      int statusCode, String code, String detail, String requestId, String body) {
    super(statusCode, code, detail, requestId, body);
  }
}
