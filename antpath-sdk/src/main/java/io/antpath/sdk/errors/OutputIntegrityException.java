package io.antpath.sdk.errors;

/**
 * A downloaded output does not match the size or SHA-256 the API reported for it. A download to a
 * file leaves nothing under the target name; a download to a stream has already written the bytes.
 */
public class OutputIntegrityException extends AntpathException {
  private static final long serialVersionUID = 1L;

  /**
   * A mismatch.
   *
   * @param message which output, and the expected and actual size or hash
   */
  public OutputIntegrityException(String message) {
    super(message, null);
  }
}
