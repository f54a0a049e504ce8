package io.antpath.workspace.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Composite key of a membership: (workspace, user). */
@Embeddable
public class MembershipId implements Serializable {
  private static final long serialVersionUID = 1L;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(name = "user_id", nullable = false)
  private UUID userId;

  protected MembershipId() {}

  public MembershipId(UUID workspaceId, UUID userId) {
    this.workspaceId = Objects.requireNonNull(workspaceId, "workspace id is required");
    this.userId = Objects.requireNonNull(userId, "user id is required");
  }

  public UUID workspaceId() {
    return workspaceId;
  }

  public UUID userId() {
    return userId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MembershipId other
        && workspaceId.equals(other.workspaceId)
        && userId.equals(other.userId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(workspaceId, userId);
  }
}
