package io.antpath.vault.control;

import io.antpath.platform.crypto.VaultKeyRing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM sealing of one secrets bundle. A fresh 96-bit random nonce per entry; the associated
 * data binds the ciphertext to its workspace, run and key id, so ciphertext moved to another row
 * (or relabelled with another key id) does not open. Failures never carry key material or
 * plaintext.
 */
public final class EnvelopeCipher {
  static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final VaultKeyRing keys;

  public EnvelopeCipher(VaultKeyRing keys) {
    this.keys = Objects.requireNonNull(keys, "key ring is required");
  }

  /** Ciphertext (with tag), the nonce and the key id it was sealed with. */
  public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    @Override
    public String toString() {
      return "Sealed[keyId=" + keyId + ", " + ciphertext.length + " bytes]";
    }
  }

  public Sealed seal(UUID workspaceId, UUID runId, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    String keyId = keys.activeKeyId();
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.activeKey(), nonce);
      cipher.updateAAD(associatedData(workspaceId, runId, keyId));
      return new Sealed(keyId, nonce, cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new VaultException("sealing failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  public byte[] open(UUID workspaceId, UUID runId, Sealed sealed) {
    SecretKey key = keys.key(sealed.keyId());
    if (key == null) {
      throw new VaultException(
          "vault key '"
              + sealed.keyId()
              + "' is no longer configured; keep it in "
              + "ANTPATH_VAULT_KEYS until every entry sealed with it is gone");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed.nonce());
      cipher.updateAAD(associatedData(workspaceId, runId, sealed.keyId()));
      return cipher.doFinal(sealed.ciphertext());
    } catch (GeneralSecurityException e) {
      throw new VaultException(
          "vault entry does not open: wrong key, altered ciphertext or not this run's entry");
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    return cipher;
  }

  static byte[] associatedData(UUID workspaceId, UUID runId, String keyId) {
    byte[] label = ("antpath-vault:v1:" + keyId).getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(label.length + 32)
        .put(label)
        .putLong(workspaceId.getMostSignificantBits())
        .putLong(workspaceId.getLeastSignificantBits())
        .putLong(runId.getMostSignificantBits())
        .putLong(runId.getLeastSignificantBits())
        .array();
  }

  /** The vault could not seal or open an entry. */
  public static final class VaultException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VaultException(String message) {
      super(message);
    }
  }
}
