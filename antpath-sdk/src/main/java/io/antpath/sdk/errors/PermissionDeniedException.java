package io.antpath.sdk.errors;

/** 403 — the token's scopes (or its creator's role) do not allow this. */
public class PermissionDeniedException extends AntpathServiceException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(
      int statusCode, String code, String detail, String requestId, String body) {
    super(statusCode, code, detail, requestId, body);
  }
}
