package io.antpath.access.entity;

import io.antpath.platform.DomainException;

/** The request conflicts with existing data, e.g. a slug or e-mail already taken (409). */
public class ConflictException extends DomainException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String code, String detail) {
    super(409, code, "Conflict", detail);
  }
}
