package io.antpath.sdk.errors;

/**
 * The server could not be reached, the connection broke, a file could not be written, or the server
 * sent something the SDK cannot read.
 */
public class AntpathIoException extends AntpathException {
  private static final long serialVersionUID = 1L;

  /**
   * An I/O failure.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public AntpathIoException(String message, Throwable cause) {
    super(message, cause);
  }
}
