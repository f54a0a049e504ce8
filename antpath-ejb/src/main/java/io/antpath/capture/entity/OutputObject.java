package io.antpath.capture.entity;

import io.antpath.platform.Ids;
import io.antpath.platform.tenancy.WorkspaceOwned;
import io.antpath.run.entity.Run;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** One captured output file in private storage, with its size and SHA-256. */
@Entity
@Table(name = "output_objects")
public class OutputObject implements WorkspaceOwned {
  @Id private UUID id;

  @Column(name = "run_id", nullable = false)
  private UUID runId;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(name = "provider_file_id", nullable = false)
  private String providerFileId;

  @Column(nullable = false, length = 1024)
  private String filename;

  @Column(name = "storage_key", nullable = false, length = 1024, unique = true)
  private String storageKey;

  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;

  @Column(nullable = false)
  private byte[] sha256;

  @Column(name = "content_type", nullable = false)
  private String contentType;

  @Column(name = "created_by_user_id")
  private UUID createdByUserId;

  @Column(name = "created_by_token_id")
  private UUID createdByTokenId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected OutputObject() {}

  public OutputObject(
      Run run,
      String providerFileId,
      String filename,
      String storageKey,
      long sizeBytes,
      byte[] sha256,
      String contentType,
      Instant now) {
    Objects.requireNonNull(run, "run is required");
    this.id = Ids.newId();
    this.runId = run.getId();
    this.workspaceId = run.getWorkspaceId();
    this.createdByUserId = run.getAttribution().userId();
    this.createdByTokenId = run.getAttribution().tokenId();
    this.providerFileId = Objects.requireNonNull(providerFileId, "provider file id is required");
    if (filename == null || filename.isEmpty()) {
      throw new IllegalArgumentException("filename is required");
    }
    this.filename = filename;
    this.storageKey = Objects.requireNonNull(storageKey, "storage key is required");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    this.sizeBytes = sizeBytes;
    if (sha256 == null || sha256.length != 32) {
      throw new IllegalArgumentException("sha256 must be 32 bytes");
    }
    this.sha256 = sha256.clone();
    this.contentType = contentType == null ? "application/octet-stream" : contentType;
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

  public String getProviderFileId() {
    return providerFileId;
  }

  public String getFilename() {
    return filename;
  }

  public String getStorageKey() {
    return storageKey;
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  public byte[] getSha256() {
    return sha256.clone();
  }

  public String getContentType() {
    return contentType;
  }

  public Optional<UUID> getCreatedByUserId() {
    return Optional.ofNullable(createdByUserId);
  }

  public Optional<UUID> getCreatedByTokenId() {
    return Optional.ofNullable(createdByTokenId);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
