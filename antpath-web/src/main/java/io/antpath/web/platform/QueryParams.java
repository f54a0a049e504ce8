package io.antpath.web.platform;

import io.antpath.access.entity.InvalidRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Query parameters are read as text and parsed here, so a malformed value answers 400 naming the
 * parameter (JAX-RS would answer 404 for a query parameter it cannot convert).
 */
public final class QueryParams {
  /** The instants the API accepts: years 1 to 9999, what every store and client can represent. */
  public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

  public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

  private QueryParams() {}

  /** {@code value} as a whole number in [min, max], or {@code fallback} when absent. */
  public static int intIn(String name, String value, int fallback, int min, int max) {
    if (value == null) {
      return fallback;
    }
    long n = longIn(name, value, min, max);
    return (int) n;
  }

  /** {@code value} as a whole number in [min, max]; {@code null} when absent. */
  public static Long optionalLong(String name, String value, long min, long max) {
    return value == null ? null : longIn(name, value, min, max);
  }

  private static long longIn(String name, String value, long min, long max) {
    try {
      long n = Long.parseLong(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidRequestException(name + ": a whole number from " + min + " to " + max);
  }

  /** An ISO-8601 instant between years 1 and 9999; {@code null} when absent. */
  public static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    Instant parsed = null;
    try {
      parsed = Instant.parse(value);
    } catch (DateTimeParseException e) {
      // answered below
    }
    if (parsed == null || parsed.isBefore(MIN_INSTANT) || parsed.isAfter(MAX_INSTANT)) {
      throw new InvalidRequestException(
          name + ": an ISO-8601 instant such as 2026-11-24T18:00:00Z, years 1-9999");
    }
    return parsed;
  }
}
