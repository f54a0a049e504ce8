package io.antpath.sdk.errors;

/** The server could not be reached or the connection broke. */
public class AntpathIoException extends AntpathException {
  private static final long serialVersionUID = 1L;

  public AntpathIoException(String message, Throwable cause) {
    super(message, cause);
  }
}
