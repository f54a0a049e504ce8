package io.antpath.web.platform;

import io.antpath.platform.DomainException;

/** A request body over the API's limit (413 {@code payload_too_large}). */
public class BodyTooLargeException extends DomainException {
  private static final long serialVersionUID = 1L;

  public BodyTooLargeException(int maxBytes) {
    super(
        413,
        "payload_too_large",
        "Payload too large",
        "the request body is larger than " + maxBytes + " bytes");
  }
}
