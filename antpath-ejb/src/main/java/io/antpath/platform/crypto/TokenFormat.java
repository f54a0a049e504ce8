package io.antpath.platform.crypto;

import java.util.regex.Pattern;

/**
 * The shape of an antpath API token: {@code apt_} and 43 base64url characters (256 random bits).
 * Shared by the tokens themselves and the start-up check of the configured demo tokens.
 */
public final class TokenFormat {
  private static final Pattern FORMAT = Pattern.compile("^apt_[A-Za-z0-9_-]{43}$");

  private TokenFormat() {}

  public static boolean isWellFormed(String token) {
    return token != null && FORMAT.matcher(token).matches();
  }
}
