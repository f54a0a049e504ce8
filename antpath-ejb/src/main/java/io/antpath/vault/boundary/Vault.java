package io.antpath.vault.boundary;

import java.util.Optional;
import java.util.UUID;

/**
 * Holds a run's secrets bundle for the run's lifetime only. Implementations never store or log the
 * plaintext; the built-in one is {@link AesGcmVault} (envelope encryption with master keys from
 * configuration). An external KMS or secrets manager can replace it by implementing this interface.
 */
public interface Vault {
  /**
   * Seals the bundle of one run (the run must exist in the workspace when the transaction commits).
   * The caller points the run at the entry.
   *
   * @return the vault entry id
   */
  UUID seal(UUID workspaceId, UUID runId, byte[] plaintext);

  /** The plaintext bundle of a run (worker only), or empty when the entry was destroyed. */
  Optional<byte[]> open(UUID workspaceId, UUID runId);

  /**
   * Destroys the run's entry; the run's reference to it is cleared with it (the foreign key is
   * {@code on delete set null}). Idempotent.
   *
   * @return true when this call destroyed it, false when it was already gone
   */
  boolean destroy(UUID workspaceId, UUID runId);
}
