package io.antpath.token.control;

import io.antpath.platform.crypto.TokenFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Token secrets look like {@code apt_} + 43 base64url characters (256 random bits). Only their
 * SHA-256 is stored: with that much entropy a fast hash is safe, and it lets each request find its
 * token by an indexed equality lookup. The first 12 characters are a public prefix shown in
 * listings.
 */
public final class TokenSecrets {
  public static final String PREFIX = "apt_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecrets() {}

  /** A new secret with its public prefix and hash. */
  public record Secret(String token, String publicPrefix, byte[] hash) {
    @Override
    public String toString() {
      return "Secret[" + publicPrefix + "...]";
    }
  }

  public static Secret generate() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return of(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
  }

  /** The secret for an existing token string (which must be well-formed). */
  public static Secret of(String token) {
    if (!isWellFormed(token)) {
      throw new IllegalArgumentException("not an antpath token");
    }
    return new Secret(token, token.substring(0, 12), hash(token));
  }

  public static boolean isWellFormed(String token) {
    return TokenFormat.isWellFormed(token);
  }

  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
