package io.antpath.platform.config;

import java.util.Locale;

/** Deployment mode. Production refuses development conveniences such as a dev vault key. */
public enum Mode {
  DEV,
  PRODUCTION;

  public static Mode parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "dev" -> DEV;
      case "production" -> PRODUCTION;
      default -> throw new IllegalArgumentException("must be 'dev' or 'production'");
    };
  }
}
