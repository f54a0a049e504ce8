package io.antpath.sdk.errors;

/** 404 — no such resource in the token's workspace. */
public class NotFoundException extends AntpathServiceException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(
      int statusCode, String code, String detail, String requestId, String body) {
    super(statusCode, code, detail, requestId, body);
  }
}
