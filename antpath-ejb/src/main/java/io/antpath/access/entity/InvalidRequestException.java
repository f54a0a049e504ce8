package io.antpath.access.entity;

import io.antpath.platform.DomainException;

/** The request is malformed or a field is invalid (400); the detail names the field. */
public class InvalidRequestException extends DomainException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String detail) {
    super(400, "invalid_request", "Invalid request", detail);
  }
}
