package io.antpath.access.entity;

import io.antpath.platform.DomainException;

/**
 * Missing, malformed, unknown, revoked or expired credentials (401). The detail never says which.
 */
public class NotAuthenticatedException extends DomainException {
  private static final long serialVersionUID = 1L;

  public NotAuthenticatedException(String code, String detail) {
    super(401, code, "Authentication required", detail);
  }
}
