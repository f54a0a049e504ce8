package io.antpath.sdk.errors;

/** 400 — the request was malformed or a field invalid; the message names it. */
public class BadRequestException extends AntpathServiceException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(
      int statusCode, String code, String detail, String requestId, String body) {
    super(statusCode, code, detail, requestId, body);
  }
}
