package io.antpath.web.platform;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * A keyset position as the lists hand it out (the API's runs, the dashboard's runs and audit log):
 * the last row's time and id, as unpadded base64url of {@code "instant|id"}. Opaque to clients;
 * only text this form could have written reads back, with an instant between years 1 and 9999 like
 * every instant the API accepts ({@link QueryParams}), so a hand-made position is refused here and
 * never reaches the database.
 *
 * @param at the position's time (creation or occurrence)
 * @param id the position's id as text (the caller parses its type: a UUID, a number)
 */
public record Cursor(Instant at, String id) {
  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** The position in {@code text}, or empty when it is none (absent, malformed, out of range). */
  public static Optional<Cursor> decode(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int bar = plain.indexOf('|');
    if (bar <= 0 || bar == plain.length() - 1) {
      return Optional.empty();
    }
    Instant at;
    try {
      at = Instant.parse(plain.substring(0, bar));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    if (at.isBefore(QueryParams.MIN_INSTANT) || at.isAfter(QueryParams.MAX_INSTANT)) {
      return Optional.empty();
    }
    return Optional.of(new Cursor(at, plain.substring(bar + 1)));
  }
}
