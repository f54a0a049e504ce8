package io.antpath.run.entity;

import io.antpath.platform.DomainException;

/**
 * A secret of a submission that could never be used: an Anthropic API key without the {@code
 * sk-ant-} shape, or a key or MCP token with a character that no HTTP header may carry (a control
 * character, a space, a typographic apostrophe pasted with it). Refused at submission (400 {@code
 * invalid_secret}) so that it never reaches an HTTP client whose error message would carry it. The
 * detail names the field, never the value.
 */
public class InvalidSecretException extends DomainException {
  private static final long serialVersionUID = 1L;

  public InvalidSecretException(String detail) {
    super(400, "invalid_secret", "Invalid secret", detail);
  }
}
