package io.antpath.workspace.entity;

import io.antpath.access.entity.Role;
import io.antpath.platform.tenancy.WorkspaceOwned;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A user's role in one workspace. */
@Entity
@Table(name = "workspace_memberships")
public class WorkspaceMembership implements WorkspaceOwned {
  @EmbeddedId private MembershipId id;

  // Read-only copy of the key column so tenant-scoped queries can name e.workspaceId.
  @Column(name = "workspace_id", insertable = false, updatable = false)
  private UUID workspaceId;

  @Column(nullable = false, length = 10)
  private Role role;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected WorkspaceMembership() {}

  public WorkspaceMembership(UUID workspaceId, UUID userId, Role role, Instant now) {
    this.id = new MembershipId(workspaceId, userId);
    this.workspaceId = workspaceId;
    this.role = Objects.requireNonNull(role, "role is required");
    this.createdAt = Objects.requireNonNull(now, "now is required");
    this.updatedAt = now;
  }

  public void changeRole(Role newRole, Instant now) {
    this.role = Objects.requireNonNull(newRole, "role is required");
    this.updatedAt = now;
  }

  public MembershipId getId() {
    return id;
  }

  @Override
  public UUID getWorkspaceId() {
    return id.workspaceId();
  }

  public UUID getUserId() {
    return id.userId();
  }

  public Role getRole() {
    return role;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
