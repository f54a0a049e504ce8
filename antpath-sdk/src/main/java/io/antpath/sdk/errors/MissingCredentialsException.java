package io.antpath.sdk.errors;

/**
 * Something the SDK needs to authenticate is missing: the base URL or API token in the environment,
 * or the secrets (Anthropic API key) of a submission. The message says where to set it; it never
 * contains a secret.
 */
public class MissingCredentialsException extends AntpathException {
  private static final long serialVersionUID = 1L;

  /**
   * A missing credential.
   *
   * @param message what is missing and where to set it
   */
  public MissingCredentialsException(String message) {
    super(message, null);
  }
}
