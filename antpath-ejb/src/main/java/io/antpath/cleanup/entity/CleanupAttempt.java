package io.antpath.cleanup.entity;

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

/** One try at one cleanup step of a run; "already gone" on the provider counts as done. */
@Entity
@Table(name = "cleanup_attempts")
public class CleanupAttempt implements WorkspaceOwned {
  @Id private UUID id;

  @Column(name = "run_id", nullable = false)
  private UUID runId;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(nullable = false, length = 24)
  private CleanupStep step;

  @Column(nullable = false, length = 20)
  private CleanupOutcome outcome;

  @Column(name = "worker_id", nullable = false, length = 128)
  private String workerId;

  @Column(name = "error_code", length = 64)
  private String errorCode;

  @Column(name = "error_message", length = 2000)
  private String errorMessage;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  protected CleanupAttempt() {}

  public CleanupAttempt(
      UUID workspaceId, UUID runId, CleanupStep step, String workerId, Instant now) {
    this.id = Ids.newId();
    this.workspaceId = Objects.requireNonNull(workspaceId, "workspace id is required");
    this.runId = Objects.requireNonNull(runId, "run id is required");
    this.step = Objects.requireNonNull(step, "step is required");
    this.workerId = Objects.requireNonNull(workerId, "worker id is required");
    this.outcome = CleanupOutcome.STARTED;
    this.startedAt = Objects.requireNonNull(now, "now is required");
  }

  public void finish(CleanupOutcome result, String errorCode, String redactedMessage, Instant now) {
    if (result == CleanupOutcome.STARTED) {
      throw new IllegalArgumentException("a step finishes with a final outcome");
    }
    this.outcome = result;
    this.errorCode = errorCode;
    this.errorMessage = redactedMessage;
    this.finishedAt = now;
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

  public CleanupStep getStep() {
    return step;
  }

  public CleanupOutcome getOutcome() {
    return outcome;
  }

  public String getWorkerId() {
    return workerId;
  }

  public Optional<String> getErrorCode() {
    return Optional.ofNullable(errorCode);
  }

  public Optional<String> getErrorMessage() {
    return Optional.ofNullable(errorMessage);
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public Optional<Instant> getFinishedAt() {
    return Optional.ofNullable(finishedAt);
  }
}
