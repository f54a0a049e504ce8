package io.antpath.web.platform;

import io.antpath.access.entity.InvalidRequestException;

/**
 * Text the API accepts anywhere it may be stored or compared in the database: no U+0000 (PostgreSQL
 * text cannot hold it) and no unpaired UTF-16 surrogate (it has no UTF-8 form).
 */
public final class TextRules {
  private TextRules() {}

  /** Throws a 400 naming {@code what} (never the value) when {@code s} cannot be stored. */
  public static void requireStorable(String s, String what) {
    if (s != null && !isStorable(s)) {
      throw new InvalidRequestException(
          what + ": must not contain U+0000 or an unpaired surrogate");
    }
  }

  static boolean isStorable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
