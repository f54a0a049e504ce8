package io.antpath.workspace.entity;

import io.antpath.platform.DomainException;

/** A workspace always keeps at least one owner (409). */
public class LastOwnerException extends DomainException {
  private static final long serialVersionUID = 1L;

  public LastOwnerException() {
    super(
        409,
        "last_owner",
        "Last owner",
        "the last owner of a workspace cannot be removed or demoted");
  }
}
