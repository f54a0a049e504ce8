package io.antpath.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class VaultKeyRingTest {
  private static String key(int fill) {
    byte[] raw = new byte[32];
    java.util.Arrays.fill(raw, (byte) fill);
    return Base64.getEncoder().encodeToString(raw);
  }

  @Test
  void firstKey_isActiveByDefault_andOlderKeysStayAvailable() {
    VaultKeyRing ring = VaultKeyRing.parse("k2:" + key(2) + ", k1:" + key(1), null);
    assertThat(ring.activeKeyId()).isEqualTo("k2");
    assertThat(ring.key("k1").getEncoded()).containsOnly((byte) 1);
    assertThat(ring.key("gone")).isNull();
  }

  @Test
  void activeKeyId_canNameAnyListedKey() {
    assertThat(VaultKeyRing.parse("k2:" + key(2) + ",k1:" + key(1), "k1").activeKey().getEncoded())
        .containsOnly((byte) 1);
  }

  @Test
  void devKeys_areRecognised() {
    assertThat(VaultKeyRing.parse("dev-local:" + key(1), null).hasDevKeys()).isTrue();
    assertThat(VaultKeyRing.parse("prod:" + key(1), null).hasDevKeys()).isFalse();
  }

  @Test
  void errorsAndToString_neverContainKeyMaterial() {
    String material = key(7);
    VaultKeyRing ring = VaultKeyRing.parse("k7:" + material, null);
    assertThat(ring.toString()).doesNotContain(material);
    assertThatThrownBy(() -> VaultKeyRing.parse("k7:" + material.substring(4), null))
        .hasMessageNotContaining(material.substring(4));
  }
}
