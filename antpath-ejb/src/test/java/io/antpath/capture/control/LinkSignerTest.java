package io.antpath.capture.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.capture.control.LinkSigner.Verdict;
import io.antpath.platform.crypto.VaultKeyRing;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Download-link signatures: valid until expiry, bound to workspace and output, rotating keys. */
class LinkSignerTest {
  private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
  private static final String K2 =
      "k2:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  private static final UUID WS = UUID.randomUUID();
  private static final UUID OUT = UUID.randomUUID();
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final long EXP = NOW.getEpochSecond() + 300;

  @Test
  void aSignature_isValidUntilItsExpiry_forItsWorkspaceAndOutputOnly() {
    LinkSigner signer = new LinkSigner(VaultKeyRing.parse(K1, null));
    String sig = signer.sign(WS, OUT, EXP);
    assertThat(sig).startsWith("k1.");
    assertThat(signer.verify(WS, OUT, EXP, sig, NOW)).isEqualTo(Verdict.VALID);
    assertThat(signer.verify(WS, OUT, EXP, sig, Instant.ofEpochSecond(EXP)))
        .isEqualTo(Verdict.EXPIRED);
    assertThat(signer.verify(UUID.randomUUID(), OUT, EXP, sig, NOW)).isEqualTo(Verdict.INVALID);
    assertThat(signer.verify(WS, UUID.randomUUID(), EXP, sig, NOW)).isEqualTo(Verdict.INVALID);
    assertThat(signer.verify(WS, OUT, EXP + 3600, sig, NOW)).isEqualTo(Verdict.INVALID);
    assertThat(signer.verify(WS, OUT, EXP, sig.substring(0, sig.length() - 2) + "AA", NOW))
        .isEqualTo(Verdict.INVALID);
    assertThat(signer.verify(WS, OUT, EXP, "nope." + sig.substring(3), NOW))
        .isEqualTo(Verdict.INVALID);
    assertThat(signer.verify(WS, OUT, EXP, null, NOW)).isEqualTo(Verdict.INVALID);
    assertThat(signer.verify(WS, OUT, EXP, "garbage", NOW)).isEqualTo(Verdict.INVALID);
  }

  @Test
  void linksRotateWithTheVaultKeys() {
    String oldSig = new LinkSigner(VaultKeyRing.parse(K1, null)).sign(WS, OUT, EXP);
    LinkSigner rotated = new LinkSigner(VaultKeyRing.parse(K2 + "," + K1, "k2"));
    assertThat(rotated.sign(WS, OUT, EXP)).startsWith("k2.");
    assertThat(rotated.verify(WS, OUT, EXP, oldSig, NOW)).isEqualTo(Verdict.VALID);
    assertThat(new LinkSigner(VaultKeyRing.parse(K2, null)).verify(WS, OUT, EXP, oldSig, NOW))
        .isEqualTo(Verdict.INVALID);
  }
}
