package io.antpath.capture.entity;

import io.antpath.platform.Ids;
import io.antpath.platform.tenancy.WorkspaceOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** An output file that was not captured, with why (read-only: it has no download link). */
@Entity
@Table(name = "output_capture_failures")
public class OutputCaptureFailure implements WorkspaceOwned {
  @Id private UUID id;

  @Column(name = "run_id", nullable = false)
  private UUID runId;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(name = "provider_file_id")
  private String providerFileId;

  @Column(length = 1024)
  private String filename;

  @Column(name = "size_bytes")
  private Long sizeBytes;

  @Column(nullable = false, length = 40)
  private CaptureFailureReason reason;

  @Column(length = 2000)
  private String detail;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected OutputCaptureFailure() {}

  public OutputCaptureFailure(
      UUID workspaceId,
      UUID runId,
      String providerFileId,
      String filename,
      Long sizeBytes,
      CaptureFailureReason reason,
      String redactedDetail,
      Instant now) {
    this.id = Ids.newId();
    this.workspaceId = Objects.requireNonNull(workspaceId, "workspace id is required");
    this.runId = Objects.requireNonNull(runId, "run id is required");
    this.providerFileId = providerFileId;
    this.filename = filename;
    if (sizeBytes != null && sizeBytes < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    this.sizeBytes = sizeBytes;
    this.reason = Objects.requireNonNull(reason, "reason is required");
    this.detail = redactedDetail;
    this.createdAt = Objects.requireNonNull(now, "now is required");
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

  public Optional<String> getProviderFileId() {
    return Optional.ofNullable(providerFileId);
  }

  public Optional<String> getFilename() {
    return Optional.ofNullable(filename);
  }

  public OptionalLong getSizeBytes() {
    return sizeBytes == null ? OptionalLong.empty() : OptionalLong.of(sizeBytes);
  }

  public CaptureFailureReason getReason() {
    return reason;
  }

  public Optional<String> getDetail() {
    return Optional.ofNullable(detail);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
