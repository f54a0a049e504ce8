package io.antpath.workspace.entity;

import io.antpath.platform.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The tenant boundary. Holds per-workspace cap overrides (null: the tier default applies) and the
 * exact count of output bytes stored, which capture updates in the same transaction as each output
 * row.
 */
@Entity
@Table(name = "workspaces")
@NamedQuery(name = "Workspace.findBySlug", query = "select w from Workspace w where w.slug = :slug")
public class Workspace {
  private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

  @Id private UUID id;

  @Column(nullable = false, length = 63, unique = true)
  private String slug;

  @Column(nullable = false, length = 200)
  private String name;

  @Column(nullable = false, length = 20)
  private WorkspaceStatus status;

  @Column(nullable = false, length = 40)
  private String tier;

  @Column(name = "max_concurrent_runs")
  private Integer maxConcurrentRuns;

  @Column(name = "max_queued_runs")
  private Integer maxQueuedRuns;

  @Column(name = "storage_cap_bytes")
  private Long storageCapBytes;

  @Column(name = "max_run_timeout_seconds")
  private Integer maxRunTimeoutSeconds;

  @Column(name = "output_safety_cap_bytes")
  private Long outputSafetyCapBytes;

  @Column(name = "submissions_per_minute")
  private Integer submissionsPerMinute;

  @Column(name = "storage_used_bytes", nullable = false)
  private long storageUsedBytes;

  @Column(name = "created_by_user_id")
  private UUID createdByUserId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "delete_requested_at")
  private Instant deleteRequestedAt;

  protected Workspace() {}

  public Workspace(String slug, String name, UUID createdByUserId, Instant now) {
    Objects.requireNonNull(slug, "slug is required");
    if (!SLUG.matcher(slug).matches()) {
      throw new IllegalArgumentException("slug must be 2-63 lower-case letters, digits or '-'");
    }
    this.id = Ids.newId();
    this.slug = slug;
    this.status = WorkspaceStatus.ACTIVE;
    this.tier = "standard";
    this.createdByUserId = createdByUserId;
    this.createdAt = Objects.requireNonNull(now, "now is required");
    rename(name, now);
  }

  public final void rename(String newName, Instant now) {
    Objects.requireNonNull(newName, "name is required");
    if (newName.isBlank() || newName.length() > 200) {
      throw new IllegalArgumentException("name must be 1-200 characters");
    }
    this.name = newName.trim();
    this.updatedAt = now;
  }

  /** Blocks new submissions and side effects at once; the deletion itself happens after cleanup. */
  public void requestDeletion(Instant now) {
    if (status != WorkspaceStatus.PENDING_DELETE) {
      status = WorkspaceStatus.PENDING_DELETE;
      deleteRequestedAt = now;
      updatedAt = now;
    }
  }

  public boolean isActive() {
    return status == WorkspaceStatus.ACTIVE;
  }

  public UUID getId() {
    return id;
  }

  public String getSlug() {
    return slug;
  }

  public String getName() {
    return name;
  }

  public WorkspaceStatus getStatus() {
    return status;
  }

  public String getTier() {
    return tier;
  }

  public OptionalInt getMaxConcurrentRuns() {
    return maxConcurrentRuns == null ? OptionalInt.empty() : OptionalInt.of(maxConcurrentRuns);
  }

  public OptionalInt getMaxQueuedRuns() {
    return maxQueuedRuns == null ? OptionalInt.empty() : OptionalInt.of(maxQueuedRuns);
  }

  public OptionalLong getStorageCapBytes() {
    return storageCapBytes == null ? OptionalLong.empty() : OptionalLong.of(storageCapBytes);
  }

  public OptionalInt getMaxRunTimeoutSeconds() {
    return maxRunTimeoutSeconds == null
        ? OptionalInt.empty()
        : OptionalInt.of(maxRunTimeoutSeconds);
  }

  public OptionalLong getOutputSafetyCapBytes() {
    return outputSafetyCapBytes == null
        ? OptionalLong.empty()
        : OptionalLong.of(outputSafetyCapBytes);
  }

  public OptionalInt getSubmissionsPerMinute() {
    return submissionsPerMinute == null
        ? OptionalInt.empty()
        : OptionalInt.of(submissionsPerMinute);
  }

  /** Sets cap overrides; null leaves the tier default in force. */
  public void overrideCaps(
      Integer concurrent, Integer queued, Long storageBytes, Integer perMinute, Instant now) {
    this.maxConcurrentRuns = positive(concurrent, "max concurrent runs");
    this.maxQueuedRuns = positive(queued, "max queued runs");
    if (storageBytes != null && storageBytes < 0) {
      throw new IllegalArgumentException("storage cap must not be negative");
    }
    this.storageCapBytes = storageBytes;
    this.submissionsPerMinute = positive(perMinute, "submissions per minute");
    this.updatedAt = now;
  }

  private static Integer positive(Integer value, String what) {
    if (value != null && value <= 0) {
      throw new IllegalArgumentException(what + " must be positive");
    }
    return value;
  }

  public long getStorageUsedBytes() {
    return storageUsedBytes;
  }

  public Optional<UUID> getCreatedByUserId() {
    return Optional.ofNullable(createdByUserId);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Optional<Instant> getDeleteRequestedAt() {
    return Optional.ofNullable(deleteRequestedAt);
  }
}
