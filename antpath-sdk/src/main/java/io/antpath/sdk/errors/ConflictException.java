package io.antpath.sdk.errors;

/** 409 — the request conflicts with the current state. */
public class ConflictException extends AntpathServiceException {
  private static final long serialVersionUID = 1L;

  public ConflictException(
      int statusCode, String code, String detail, String requestId, String body) {
    super(statusCode, code, detail, requestId, body);
  }
}
