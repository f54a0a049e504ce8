package io.antpath.sdk.errors;

/**
 * An output's file name would leave the target folder or is not a plain relative path: absolute,
 * with a {@code ..} or empty segment, a backslash, or a control character. Nothing was written.
 */
public class UnsafeOutputNameException extends AntpathException {
  private static final long serialVersionUID = 1L;

  /**
   * A refused name.
   *
   * @param message which name and why
   */
  public UnsafeOutputNameException(String message) {
    super(message, null);
  }
}
