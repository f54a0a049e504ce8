package io.antpath.vault.boundary;

import io.antpath.platform.Timestamps;
import io.antpath.platform.crypto.VaultKeyRing;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.vault.control.EnvelopeCipher;
import io.antpath.vault.entity.VaultEntry;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;

/**
 * The built-in vault: AES-256-GCM envelopes in {@code vault_entries}, master keys from {@code
 * antpath.vault.keys} (the active key seals; older listed keys still open, which is how keys
 * rotate).
 */
@Stateless
public class AesGcmVault implements Vault {
  @PersistenceContext EntityManager em;

  @Inject Config config;

  // Parsed on first use, after the start-up check has validated the settings.
  VaultKeyRing keys;

  @Override
  public UUID seal(UUID workspaceId, UUID runId, byte[] plaintext) {
    EnvelopeCipher.Sealed sealed = cipher().seal(workspaceId, runId, plaintext);
    VaultEntry entry =
        new VaultEntry(
            workspaceId,
            runId,
            sealed.keyId(),
            sealed.nonce(),
            sealed.ciphertext(),
            Timestamps.now());
    em.persist(entry);
    return entry.getId();
  }

  @Override
  public Optional<byte[]> open(UUID workspaceId, UUID runId) {
    return entry(workspaceId, runId)
        .map(
            e ->
                cipher()
                    .open(
                        workspaceId,
                        runId,
                        new EnvelopeCipher.Sealed(e.getKeyId(), e.getNonce(), e.getCiphertext())));
  }

  @Override
  public boolean destroy(UUID workspaceId, UUID runId) {
    // The run's reference goes with the row (on delete set null).
    Optional<VaultEntry> entry = entry(workspaceId, runId);
    entry.ifPresent(em::remove);
    return entry.isPresent();
  }

  private Optional<VaultEntry> entry(UUID workspaceId, UUID runId) {
    return WorkspaceScope.of(em, workspaceId)
        .where(VaultEntry.class, "e.runId = :run")
        .setParameter("run", runId)
        .getResultStream()
        .findFirst();
  }

  private EnvelopeCipher cipher() {
    if (keys == null) {
      keys =
          VaultKeyRing.parse(
              config.getValue("antpath.vault.keys", String.class),
              config.getOptionalValue("antpath.vault.active-key-id", String.class).orElse(null));
    }
    return new EnvelopeCipher(keys);
  }
}
