package io.antpath.platform;

import jakarta.ejb.ApplicationException;

/**
 * A failure the caller can act on, with its HTTP status and stable error code. Thrown by services
 * and mapped to {@code application/problem+json} exactly once, at the REST boundary. Rolls the
 * transaction back. Messages never contain secrets.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class DomainException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final String title;

  protected DomainException(int status, String code, String title, String detail) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = title;
  }

  public int status() {
    return status;
  }

  /** Stable, documented, machine-readable code such as {@code invalid_token}. */
  public String code() {
    return code;
  }

  public String title() {
    return title;
  }
}
