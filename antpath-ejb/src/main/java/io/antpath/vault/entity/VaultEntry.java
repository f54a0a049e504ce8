package io.antpath.vault.entity;

import io.antpath.platform.Ids;
import io.antpath.platform.tenancy.WorkspaceOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A run's secrets bundle sealed with AES-256-GCM: never plaintext. The associated data (run and
 * workspace ids) binds the ciphertext to this row. {@link #toString()} prints no bytes.
 */
@Entity
@Table(name = "vault_entries")
public class VaultEntry implements WorkspaceOwned {
  public static final int NONCE_BYTES = 12;
  private static final int GCM_TAG_BYTES = 16;

  @Id private UUID id;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(name = "run_id", nullable = false, unique = true)
  private UUID runId;

  @Column(name = "key_id", nullable = false, length = 64)
  private String keyId;

  @Column(nullable = false)
  private byte[] nonce;

  @Column(nullable = false)
  private byte[] ciphertext;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected VaultEntry() {}

  public VaultEntry(
      UUID workspaceId, UUID runId, String keyId, byte[] nonce, byte[] ciphertext, Instant now) {
    this.id = Ids.newId();
    this.workspaceId = Objects.requireNonNull(workspaceId, "workspace id is required");
    this.runId = Objects.requireNonNull(runId, "run id is required");
    this.keyId = Objects.requireNonNull(keyId, "key id is required");
    if (nonce == null || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("nonce must be " + NONCE_BYTES + " bytes");
    }
    if (ciphertext == null || ciphertext.length < GCM_TAG_BYTES) {
      throw new IllegalArgumentException("ciphertext must include the GCM tag");
    }
    this.nonce = nonce.clone();
    this.ciphertext = ciphertext.clone();
    this.createdAt = Objects.requireNonNull(now, "now is required");
  }

  public UUID getId() {
    return id;
  }

  @Override
  public UUID getWorkspaceId() {
    return workspaceId;
  }

  public UUID getRunId() {
    return runId;
  }

  public String getKeyId() {
    return keyId;
  }

  public byte[] getNonce() {
    return nonce.clone();
  }

  public byte[] getCiphertext() {
    return ciphertext.clone();
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  @Override
  public String toString() {
    return "VaultEntry[id=" + id + ", run=" + runId + ", keyId=" + keyId + "]";
  }
}
