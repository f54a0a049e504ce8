package io.antpath.sdk.errors;

/** 5xx — the server failed; retried automatically, then thrown. */
public class InternalServerException extends AntpathServiceException {
  private static final long serialVersionUID = 1L;

  public InternalServerException(
      int statusCode, String code, String detail, String requestId, String body) {
    super(statusCode, code, detail, requestId, body);
  }
}
