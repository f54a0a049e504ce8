package io.antpath.run.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The tier/cap values in force when a run was submitted. Frozen on the run so a configuration
 * change never alters a run already accepted.
 */
@Embeddable
public class RunCaps {
  @Column(name = "tier", nullable = false, length = 40)
  private String tier;

  @Column(name = "cap_max_concurrent_runs", nullable = false)
  private int maxConcurrentRuns;

  @Column(name = "cap_storage_bytes", nullable = false)
  private long storageBytes;

  @Column(name = "cap_output_safety_bytes", nullable = false)
  private long outputSafetyBytes;

  @Column(name = "cap_max_timeout_seconds", nullable = false)
  private int maxTimeoutSeconds;

  protected RunCaps() {}

  public RunCaps(
      String tier,
      int maxConcurrentRuns,
      long storageBytes,
      long outputSafetyBytes,
      int maxTimeoutSeconds) {
    if (tier == null || tier.isBlank()) {
      throw new IllegalArgumentException("tier is required");
    }
    if (maxConcurrentRuns <= 0
        || storageBytes < 0
        || outputSafetyBytes <= 0
        || maxTimeoutSeconds <= 0) {
      throw new IllegalArgumentException("caps must be positive");
    }
    this.tier = tier;
    this.maxConcurrentRuns = maxConcurrentRuns;
    this.storageBytes = storageBytes;
    this.outputSafetyBytes = outputSafetyBytes;
    this.maxTimeoutSeconds = maxTimeoutSeconds;
  }

  public String tier() {
    return tier;
  }

  public int maxConcurrentRuns() {
    return maxConcurrentRuns;
  }

  public long storageBytes() {
    return storageBytes;
  }

  public long outputSafetyBytes() {
    return outputSafetyBytes;
  }

  public int maxTimeoutSeconds() {
    return maxTimeoutSeconds;
  }
}
