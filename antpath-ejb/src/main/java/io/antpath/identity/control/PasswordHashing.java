package io.antpath.identity.control;

import java.util.Map;

/** PBKDF2 parameters for local passwords (OWASP 2023: 210 000 iterations of HMAC-SHA-256). */
public final class PasswordHashing {
  public static final Map<String, String> PARAMETERS =
      Map.of(
          "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
          "Pbkdf2PasswordHash.Iterations", "210000",
          "Pbkdf2PasswordHash.SaltSizeBytes", "32",
          "Pbkdf2PasswordHash.KeySizeBytes", "32");

  private PasswordHashing() {}
}
