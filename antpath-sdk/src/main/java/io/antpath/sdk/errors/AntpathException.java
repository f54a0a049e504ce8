package io.antpath.sdk.errors;

/** Root of every exception the SDK throws. */
public class AntpathException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AntpathException(String message, Throwable cause) {
    super(message, cause);
  }
}
