package io.antpath.sdk.errors;

/** Root of every exception the SDK throws. Unchecked. */
public class AntpathException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An SDK failure.
   *
   * @param message what failed and, where possible, what to do
   * @param cause the underlying failure, or null
   */
  public AntpathException(String message, Throwable cause) {
    super(message, cause);
  }
}
