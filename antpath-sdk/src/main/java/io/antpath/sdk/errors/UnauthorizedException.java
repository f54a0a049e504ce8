package io.antpath.sdk.errors;

/** 401 — missing, invalid, revoked or expired API token. */
public class UnauthorizedException extends AntpathServiceException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException(
      int statusCode, String code, String detail, String requestId, String body) {
    super(statusCode, code, detail, requestId, body);
  }
}
