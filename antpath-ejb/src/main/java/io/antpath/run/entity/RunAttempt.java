package io.antpath.run.entity;

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

/** One worker's claim of a run that drives provider work. */
@Entity
@Table(name = "run_attempts")
public class RunAttempt implements WorkspaceOwned {
  @Id private UUID id;

  @Column(name = "run_id", nullable = false)
  private UUID runId;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(name = "attempt_no", nullable = false)
  private int attemptNo;

  @Column(name = "worker_id", nullable = false, length = 128)
  private String workerId;

  @Column(nullable = false, length = 16)
  private AttemptOutcome outcome;

  @Column(name = "error_class", length = 32)
  private FailureClass errorClass;

  @Column(name = "error_code", length = 64)
  private String errorCode;

  @Column(name = "error_message", length = 2000)
  private String errorMessage;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  protected RunAttempt() {}

  public RunAttempt(Run run, int attemptNo, String workerId, Instant now) {
    Objects.requireNonNull(run, "run is required");
    if (attemptNo <= 0) {
      throw new IllegalArgumentException("attempt numbers start at 1");
    }
    this.id = Ids.newId();
    this.runId = run.getId();
    this.workspaceId = run.getWorkspaceId();
    this.attemptNo = attemptNo;
    this.workerId = Objects.requireNonNull(workerId, "worker id is required");
    this.outcome = AttemptOutcome.RUNNING;
    this.startedAt = Objects.requireNonNull(now, "now is required");
  }

  /** Ends the attempt; a redacted error is given for every outcome but success. */
  public void end(
      AttemptOutcome result,
      FailureClass errorClass,
      String errorCode,
      String redactedMessage,
      Instant now) {
    if (result == AttemptOutcome.RUNNING) {
      throw new IllegalArgumentException("an attempt ends with a final outcome");
    }
    if (outcome != AttemptOutcome.RUNNING) {
      return;
    }
    this.outcome = result;
    this.errorClass = errorClass;
    this.errorCode = errorCode;
    this.errorMessage = redactedMessage;
    this.endedAt = now;
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

  public int getAttemptNo() {
    return attemptNo;
  }

  public String getWorkerId() {
    return workerId;
  }

  public AttemptOutcome getOutcome() {
    return outcome;
  }

  public Optional<FailureClass> getErrorClass() {
    return Optional.ofNullable(errorClass);
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

  public Optional<Instant> getEndedAt() {
    return Optional.ofNullable(endedAt);
  }
}
