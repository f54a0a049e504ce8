package io.antpath.run.entity;

import io.antpath.platform.tenancy.WorkspaceOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Redacted metadata of one provider event: type, times, sizes, tool names, stop reasons, usage —
 * never message text, tool inputs or outputs, file contents or credentials. Stored once per attempt
 * and provider event id.
 */
@Entity
@Table(name = "run_events")
public class RunEvent implements WorkspaceOwned {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "run_id", nullable = false)
  private UUID runId;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(name = "run_attempt_id", nullable = false)
  private UUID runAttemptId;

  @Column(name = "provider_event_id", nullable = false)
  private String providerEventId;

  @Column(nullable = false, length = 100)
  private String type;

  @Column(name = "occurred_at")
  private Instant occurredAt;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  private String data;

  protected RunEvent() {}

  public RunEvent(
      RunAttempt attempt,
      String providerEventId,
      String type,
      Instant occurredAt,
      String redactedDataJson,
      Instant now) {
    Objects.requireNonNull(attempt, "attempt is required");
    this.runId = attempt.getRunId();
    this.workspaceId = attempt.getWorkspaceId();
    this.runAttemptId = attempt.getId();
    this.providerEventId = Objects.requireNonNull(providerEventId, "provider event id is required");
    this.type = Objects.requireNonNull(type, "event type is required");
    this.occurredAt = occurredAt;
    this.data = redactedDataJson == null ? "{}" : redactedDataJson;
    this.recordedAt = Objects.requireNonNull(now, "now is required");
  }

  public Long getId() {
    return id;
  }

  public UUID getRunId() {
    return runId;
  }

  @Override
  public UUID getWorkspaceId() {
    return workspaceId;
  }

  public UUID getRunAttemptId() {
    return runAttemptId;
  }

  public String getProviderEventId() {
    return providerEventId;
  }

  public String getType() {
    return type;
  }

  public Optional<Instant> getOccurredAt() {
    return Optional.ofNullable(occurredAt);
  }

  public Instant getRecordedAt() {
    return recordedAt;
  }

  public String getData() {
    return data;
  }
}
