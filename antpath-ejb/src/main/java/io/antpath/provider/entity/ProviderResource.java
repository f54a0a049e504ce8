package io.antpath.provider.entity;

import io.antpath.platform.Ids;
import io.antpath.platform.tenancy.WorkspaceOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A provider resource a run creates (agent, environment, vault, session ...). Journaled as {@code
 * intended} with a client-generated marker before the create call, so a crash between the call and
 * {@link #created} leaves a row that reconciliation resolves by finding the marker on the provider.
 */
@Entity
@Table(name = "provider_resources")
public class ProviderResource implements WorkspaceOwned {
  @Id private UUID id;

  @Column(name = "run_id", nullable = false)
  private UUID runId;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(name = "run_attempt_id")
  private UUID runAttemptId;

  @Column(nullable = false, length = 16)
  private ResourceKind kind;

  @Column(nullable = false, length = 128, unique = true)
  private String marker;

  @Column(name = "provider_id")
  private String providerId;

  @Column(nullable = false, length = 16)
  private ResourceState state;

  @Column(name = "last_error", length = 2000)
  private String lastError;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected ProviderResource() {}

  public static ProviderResource intended(
      UUID workspaceId, UUID runId, UUID attemptId, ResourceKind kind, Instant now) {
    ProviderResource r = new ProviderResource();
    r.id = Ids.newId();
    r.workspaceId = Objects.requireNonNull(workspaceId, "workspace id is required");
    r.runId = Objects.requireNonNull(runId, "run id is required");
    r.runAttemptId = attemptId;
    r.kind = Objects.requireNonNull(kind, "kind is required");
    r.marker = "antpath-" + r.id;
    r.state = ResourceState.INTENDED;
    r.createdAt = Objects.requireNonNull(now, "now is required");
    r.updatedAt = now;
    return r;
  }

  public void created(String newProviderId, Instant now) {
    this.providerId = Objects.requireNonNull(newProviderId, "provider id is required");
    this.state = ResourceState.CREATED;
    this.updatedAt = now;
  }

  public void moveTo(ResourceState newState, String redactedError, Instant now) {
    if ((newState == ResourceState.CREATED || newState == ResourceState.RETAINED)
        && providerId == null) {
      throw new IllegalStateException(newState + " needs a provider id");
    }
    this.state = newState;
    this.lastError = redactedError;
    this.updatedAt = now;
  }

  public UUID getId() {
    return id;
  }

  public UUID getRunId() {
    return runId;
  }

  @Override
  public UUID getWorkspaceId() {
    return workspaceId;
  }

  public Optional<UUID> getRunAttemptId() {
    return Optional.ofNullable(runAttemptId);
  }

  public ResourceKind getKind() {
    return kind;
  }

  public String getMarker() {
    return marker;
  }

  public Optional<String> getProviderId() {
    return Optional.ofNullable(providerId);
  }

  public ResourceState getState() {
    return state;
  }

  public Optional<String> getLastError() {
    return Optional.ofNullable(lastError);
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
