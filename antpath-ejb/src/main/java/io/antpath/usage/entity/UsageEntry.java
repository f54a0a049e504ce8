package io.antpath.usage.entity;

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

/**
 * One usage report of a run, attributed to its workspace, user and token. Unique per (attempt,
 * source event), so re-reading an event can never count it twice.
 */
@Entity
@Table(name = "usage_ledger")
public class UsageEntry implements WorkspaceOwned {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(name = "run_id")
  private UUID runId;

  @Column(name = "run_attempt_id")
  private UUID runAttemptId;

  @Column(name = "user_id")
  private UUID userId;

  @Column(name = "token_id")
  private UUID tokenId;

  @Column(name = "source_event_id", nullable = false)
  private String sourceEventId;

  @Column(length = 100)
  private String model;

  @Column(name = "input_tokens", nullable = false)
  private long inputTokens;

  @Column(name = "output_tokens", nullable = false)
  private long outputTokens;

  @Column(name = "cache_creation_input_tokens", nullable = false)
  private long cacheCreationInputTokens;

  @Column(name = "cache_read_input_tokens", nullable = false)
  private long cacheReadInputTokens;

  @Column(name = "session_runtime_ms", nullable = false)
  private long sessionRuntimeMs;

  @Column(name = "recorded_at", nullable = false)
  private Instant recordedAt;

  protected UsageEntry() {}

  /** Token counts of one usage report. */
  public record Tokens(long input, long output, long cacheCreationInput, long cacheReadInput) {
    public Tokens {
      if (input < 0 || output < 0 || cacheCreationInput < 0 || cacheReadInput < 0) {
        throw new IllegalArgumentException("token counts must not be negative");
      }
    }
  }

  public UsageEntry(
      UUID workspaceId,
      UUID runId,
      UUID runAttemptId,
      UUID userId,
      UUID tokenId,
      String sourceEventId,
      String model,
      Tokens tokens,
      long sessionRuntimeMs,
      Instant now) {
    this.workspaceId = Objects.requireNonNull(workspaceId, "workspace id is required");
    this.runId = runId;
    this.runAttemptId = runAttemptId;
    this.userId = userId;
    this.tokenId = tokenId;
    this.sourceEventId = Objects.requireNonNull(sourceEventId, "source event id is required");
    this.model = model;
    Objects.requireNonNull(tokens, "token counts are required");
    this.inputTokens = tokens.input();
    this.outputTokens = tokens.output();
    this.cacheCreationInputTokens = tokens.cacheCreationInput();
    this.cacheReadInputTokens = tokens.cacheReadInput();
    if (sessionRuntimeMs < 0) {
      throw new IllegalArgumentException("session runtime must not be negative");
    }
    this.sessionRuntimeMs = sessionRuntimeMs;
    this.recordedAt = Objects.requireNonNull(now, "now is required");
  }

  public Long getId() {
    return id;
  }

  @Override
  public UUID getWorkspaceId() {
    return workspaceId;
  }

  public Optional<UUID> getRunId() {
    return Optional.ofNullable(runId);
  }

  public Optional<UUID> getUserId() {
    return Optional.ofNullable(userId);
  }

  public Optional<UUID> getTokenId() {
    return Optional.ofNullable(tokenId);
  }

  public String getSourceEventId() {
    return sourceEventId;
  }

  public Optional<String> getModel() {
    return Optional.ofNullable(model);
  }

  public Tokens getTokens() {
    return new Tokens(inputTokens, outputTokens, cacheCreationInputTokens, cacheReadInputTokens);
  }

  public long getSessionRuntimeMs() {
    return sessionRuntimeMs;
  }

  public Instant getRecordedAt() {
    return recordedAt;
  }
}
