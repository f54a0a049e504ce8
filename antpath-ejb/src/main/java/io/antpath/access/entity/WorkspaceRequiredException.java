package io.antpath.access.entity;

import io.antpath.platform.DomainException;

/**
 * A credential that is not bound to one workspace (an OpenID Connect access token) did not say
 * which workspace the request acts on, and its user does not belong to exactly one (400).
 */
public class WorkspaceRequiredException extends DomainException {
  private static final long serialVersionUID = 1L;

  public WorkspaceRequiredException(String detail) {
    super(400, "workspace_required", "Workspace required", detail);
  }
}
