package io.antpath.access.entity;

import io.antpath.platform.DomainException;

/**
 * The resource does not exist in the caller's workspace (404). Also the answer for another tenant's
 * resource, so the response never hints that it exists.
 */
public class NotFoundException extends DomainException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String kind) {
    super(
        404,
        "not_found",
        "Not found",
        "no such " + kind + ("workspace".equals(kind) ? "" : " in this workspace"));
  }
}
