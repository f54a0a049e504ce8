package io.antpath.capture.control;

import io.antpath.platform.crypto.VaultKeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks download links of captured outputs: HMAC-SHA256 over workspace, output and
 * expiry, with a key derived from a vault master key (so links rotate with the vault keys: the
 * active key signs, every listed key still verifies until it is removed). A signature reads {@code
 * <key id>.<base64url mac>}.
 */
public final class LinkSigner {
  private static final byte[] LABEL = "antpath/output-link/v1".getBytes(StandardCharsets.UTF_8);
  private final VaultKeyRing keys;

  public LinkSigner(VaultKeyRing keys) {
    this.keys = keys;
  }

  public String sign(UUID workspaceId, UUID outputId, long expiresEpochSecond) {
    String kid = keys.activeKeyId();
    return kid + "." + mac(kid, workspaceId, outputId, expiresEpochSecond);
  }

  /** Whether {@code signature} is valid for these values and {@code now} is before the expiry. */
  public Verdict verify(
      UUID workspaceId, UUID outputId, long expiresEpochSecond, String signature, Instant now) {
    if (signature == null) {
      return Verdict.INVALID;
    }
    int dot = signature.indexOf('.');
    if (dot <= 0) {
      return Verdict.INVALID;
    }
    String kid = signature.substring(0, dot);
    String expected;
    try {
      expected = mac(kid, workspaceId, outputId, expiresEpochSecond);
    } catch (IllegalArgumentException unknownKey) {
      return Verdict.INVALID;
    }
    boolean same =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            signature.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    if (!same) {
      return Verdict.INVALID;
    }
    return now.getEpochSecond() < expiresEpochSecond ? Verdict.VALID : Verdict.EXPIRED;
  }

  /** The outcome of {@link #verify}. */
  public enum Verdict {
    VALID,
    EXPIRED,
    INVALID
  }

  private String mac(String kid, UUID workspaceId, UUID outputId, long expires) {
    try {
      javax.crypto.SecretKey master = keys.key(kid);
      if (master == null) {
        throw new IllegalArgumentException("unknown key id");
      }
      Mac derive = Mac.getInstance("HmacSHA256");
      derive.init(master);
      byte[] linkKey = derive.doFinal(LABEL);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(linkKey, "HmacSHA256"));
      byte[] out =
          mac.doFinal(
              (workspaceId + "\n" + outputId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
