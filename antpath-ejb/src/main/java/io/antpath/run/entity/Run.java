package io.antpath.run.entity;

import io.antpath.platform.Ids;
import io.antpath.platform.tenancy.WorkspaceOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One submitted run. Its user-facing {@link RunStatus} and its {@link CleanupStatus} move
 * separately: a run is reported terminal once the session ended and its outputs were captured, and
 * cleanup of the provider resources and the vault entry continues after that.
 *
 * <p>Workers change runs only under a lease ({@code lease_owner}, {@code lease_expires_at}), with
 * guarded updates; this entity holds the state, the lease-guarded writes live in the worker.
 */
@Entity
@Table(name = "runs")
public class Run implements WorkspaceOwned {
  @Id private UUID id;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(name = "created_by_user_id")
  private UUID createdByUserId;

  @Column(name = "created_by_token_id")
  private UUID createdByTokenId;

  @Column(name = "idempotency_key", length = 255)
  private String idempotencyKey;

  @Column(name = "request_hash", nullable = false)
  private byte[] requestHash;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  private String spec;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  private String metadata;

  @Column(nullable = false, length = 16)
  private RunStatus status;

  @Column(name = "cleanup_status", nullable = false, length = 16)
  private CleanupStatus cleanupStatus;

  @Column(name = "retain_claude_session", nullable = false)
  private boolean retainClaudeSession;

  /** The last cleanup failure, redacted and actionable (written by the worker only). */
  @Column(name = "cleanup_error", length = 2000, insertable = false, updatable = false)
  private String cleanupError;

  @Column(name = "cancel_requested_at")
  private Instant cancelRequestedAt;

  @Column(name = "delete_requested_at")
  private Instant deleteRequestedAt;

  @Column(name = "failure_class", length = 32)
  private FailureClass failureClass;

  @Column(name = "failure_code", length = 64)
  private String failureCode;

  @Column(name = "failure_message", length = 2000)
  private String failureMessage;

  @Column(name = "execution_secret_id")
  private UUID executionSecretId;

  @Column(name = "lease_owner", length = 128)
  private String leaseOwner;

  @Column(name = "lease_expires_at")
  private Instant leaseExpiresAt;

  @Column(name = "next_due_at")
  private Instant nextDueAt;

  @Column(name = "attempt_count", nullable = false)
  private int attemptCount;

  @Column(name = "timeout_seconds", nullable = false)
  private int timeoutSeconds;

  @Embedded private RunCaps caps;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  @Version private long version;

  protected Run() {}

  /**
   * A new queued run, due at once.
   *
   * @param specJson the request without its secrets, as a JSON object
   */
  public Run(
      UUID workspaceId,
      Attribution submittedBy,
      String idempotencyKey,
      byte[] requestHash,
      String specJson,
      String metadataJson,
      int timeoutSeconds,
      RunCaps caps,
      boolean retainClaudeSession,
      Instant now) {
    this.id = Ids.newId();
    this.workspaceId = Objects.requireNonNull(workspaceId, "workspace id is required");
    Objects.requireNonNull(submittedBy, "attribution is required");
    this.createdByUserId = submittedBy.userId();
    this.createdByTokenId = submittedBy.tokenId();
    if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 255)) {
      throw new IllegalArgumentException("idempotency key must be 1-255 characters");
    }
    this.idempotencyKey = idempotencyKey;
    Objects.requireNonNull(requestHash, "request hash is required");
    if (requestHash.length != 32) {
      throw new IllegalArgumentException("request hash must be a SHA-256 digest");
    }
    this.requestHash = requestHash.clone();
    this.spec = Objects.requireNonNull(specJson, "run spec is required");
    this.metadata = metadataJson == null ? "{}" : metadataJson;
    this.caps = Objects.requireNonNull(caps, "caps are required");
    if (timeoutSeconds <= 0 || timeoutSeconds > caps.maxTimeoutSeconds()) {
      throw new IllegalArgumentException(
          "timeout must be between 1 and " + caps.maxTimeoutSeconds() + " seconds");
    }
    this.timeoutSeconds = timeoutSeconds;
    this.retainClaudeSession = retainClaudeSession;
    this.status = RunStatus.QUEUED;
    this.cleanupStatus = CleanupStatus.PENDING;
    this.createdAt = Objects.requireNonNull(now, "now is required");
    this.updatedAt = now;
    this.nextDueAt = now;
  }

  /** Points the run at its sealed secrets bundle. */
  public void attachSecrets(UUID vaultEntryId) {
    this.executionSecretId = Objects.requireNonNull(vaultEntryId, "vault entry id is required");
  }

  /** The vault entry is gone (destroyed by the cleanup); the run no longer points at it. */
  public void detachSecrets() {
    this.executionSecretId = null;
  }

  /**
   * Records a cancellation request; the worker acts on it before its next side effect.
   *
   * @return false when the run is already terminal (nothing to cancel)
   */
  public boolean requestCancel(Instant now) {
    if (status.isTerminal()) {
      return false;
    }
    if (cancelRequestedAt == null) {
      cancelRequestedAt = now;
      nextDueAt = now;
      updatedAt = now;
    }
    return true;
  }

  /** Marks the run for deletion; the data goes only after cleanup and storage deletion. */
  public void requestDeletion(Instant now) {
    if (deleteRequestedAt == null) {
      deleteRequestedAt = now;
      if (!status.isTerminal()) {
        requestCancel(now);
      } else {
        // The cleanup deletes the run's storage and data; it looks at the run again now.
        nextDueAt = now;
      }
      updatedAt = now;
    }
  }

  public Optional<String> getCleanupError() {
    return Optional.ofNullable(cleanupError);
  }

  public UUID getId() {
    return id;
  }

  @Override
  public UUID getWorkspaceId() {
    return workspaceId;
  }

  public Attribution getAttribution() {
    return new Attribution(createdByUserId, createdByTokenId);
  }

  public Optional<String> getIdempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  public byte[] getRequestHash() {
    return requestHash.clone();
  }

  public String getSpec() {
    return spec;
  }

  public String getMetadata() {
    return metadata;
  }

  public RunStatus getStatus() {
    return status;
  }

  public CleanupStatus getCleanupStatus() {
    return cleanupStatus;
  }

  public boolean isRetainClaudeSession() {
    return retainClaudeSession;
  }

  public Optional<Instant> getCancelRequestedAt() {
    return Optional.ofNullable(cancelRequestedAt);
  }

  public Optional<Instant> getDeleteRequestedAt() {
    return Optional.ofNullable(deleteRequestedAt);
  }

  public Optional<FailureClass> getFailureClass() {
    return Optional.ofNullable(failureClass);
  }

  public Optional<String> getFailureCode() {
    return Optional.ofNullable(failureCode);
  }

  public Optional<String> getFailureMessage() {
    return Optional.ofNullable(failureMessage);
  }

  public Optional<UUID> getExecutionSecretId() {
    return Optional.ofNullable(executionSecretId);
  }

  public Optional<String> getLeaseOwner() {
    return Optional.ofNullable(leaseOwner);
  }

  public Optional<Instant> getLeaseExpiresAt() {
    return Optional.ofNullable(leaseExpiresAt);
  }

  public Optional<Instant> getNextDueAt() {
    return Optional.ofNullable(nextDueAt);
  }

  public int getAttemptCount() {
    return attemptCount;
  }

  public int getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public RunCaps getCaps() {
    return caps;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public Optional<Instant> getStartedAt() {
    return Optional.ofNullable(startedAt);
  }

  public Optional<Instant> getFinishedAt() {
    return Optional.ofNullable(finishedAt);
  }

  public long getVersion() {
    return version;
  }
}
