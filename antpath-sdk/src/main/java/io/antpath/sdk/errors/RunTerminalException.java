package io.antpath.sdk.errors;

/** 409: The run has already ended. */
public class RunTerminalException extends ConflictException {
  private static final long serialVersionUID = 1L;

  public RunTerminalException(
      int statusCode, String code, String detail, String requestId, String body) {
    super(statusCode, code, detail, requestId, body);
  }
}
