package io.antpath.vault.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.platform.crypto.VaultKeyRing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {
  private static final UUID WS = UUID.randomUUID();
  private static final UUID RUN = UUID.randomUUID();
  private static final byte[] CANARY =
      "sk-ant-api03-CANARY-secret".getBytes(StandardCharsets.UTF_8);

  private static String key(int fill) {
    byte[] raw = new byte[32];
    Arrays.fill(raw, (byte) fill);
    return Base64.getEncoder().encodeToString(raw);
  }

  private static EnvelopeCipher cipher(String spec) {
    return new EnvelopeCipher(VaultKeyRing.parse(spec, null));
  }

  @Test
  void sealThenOpen_roundTrips_andCiphertextHidesThePlaintext() {
    EnvelopeCipher cipher = cipher("k1:" + key(1));
    EnvelopeCipher.Sealed sealed = cipher.seal(WS, RUN, CANARY);
    assertThat(sealed.keyId()).isEqualTo("k1");
    assertThat(sealed.nonce()).hasSize(12);
    assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1))
        .doesNotContain("CANARY");
    assertThat(cipher.open(WS, RUN, sealed)).isEqualTo(CANARY);
    assertThat(sealed.toString()).doesNotContain("CANARY");
  }

  @Test
  void everySeal_usesAFreshNonce() {
    EnvelopeCipher cipher = cipher("k1:" + key(1));
    assertThat(cipher.seal(WS, RUN, CANARY).nonce())
        .isNotEqualTo(cipher.seal(WS, RUN, CANARY).nonce());
  }

  @Test
  void anotherRunOrWorkspace_cannotOpenTheEntry() {
    EnvelopeCipher cipher = cipher("k1:" + key(1));
    EnvelopeCipher.Sealed sealed = cipher.seal(WS, RUN, CANARY);
    assertThatThrownBy(() -> cipher.open(WS, UUID.randomUUID(), sealed))
        .isInstanceOf(EnvelopeCipher.VaultException.class);
    assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), RUN, sealed))
        .isInstanceOf(EnvelopeCipher.VaultException.class);
  }

  @Test
  void alteredCiphertextOrRelabelledKey_doesNotOpen() {
    EnvelopeCipher cipher = cipher("k1:" + key(1) + ",k2:" + key(1));
    EnvelopeCipher.Sealed sealed = cipher.seal(WS, RUN, CANARY);
    byte[] altered = sealed.ciphertext().clone();
    altered[0] ^= 1;
    assertThatThrownBy(
            () -> cipher.open(WS, RUN, new EnvelopeCipher.Sealed("k1", sealed.nonce(), altered)))
        .isInstanceOf(EnvelopeCipher.VaultException.class);
    // Same key bytes under another id: the key id is part of the associated data.
    assertThatThrownBy(
            () ->
                cipher.open(
                    WS, RUN, new EnvelopeCipher.Sealed("k2", sealed.nonce(), sealed.ciphertext())))
        .isInstanceOf(EnvelopeCipher.VaultException.class);
  }

  @Test
  void rotation_newEntriesUseTheActiveKey_olderOnesStillOpen_removedKeysAreNamed() {
    EnvelopeCipher.Sealed old = cipher("k1:" + key(1)).seal(WS, RUN, CANARY);
    EnvelopeCipher rotated = cipher("k2:" + key(2) + ",k1:" + key(1));
    assertThat(rotated.open(WS, RUN, old)).isEqualTo(CANARY);
    assertThat(rotated.seal(WS, RUN, CANARY).keyId()).isEqualTo("k2");
    assertThatThrownBy(() -> cipher("k2:" + key(2)).open(WS, RUN, old))
        .hasMessageContaining("vault key 'k1' is no longer configured")
        .hasMessageNotContaining(key(1));
  }
}
