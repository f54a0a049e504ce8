package io.antpath.web.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Display helpers for the views (e.g. {@code fmt.text(run.failureMessage)}). Entities answer {@code
 * Optional}s, which Jakarta EL 6 resolves through to their content, so a view cannot call {@code
 * orElse} on them; these take the Optional as an argument instead.
 */
@Named
@ApplicationScoped
public class Fmt {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The value, or the content of an Optional, or null. */
  static Object value(Object o) {
    if (o instanceof Optional<?> opt) {
      return opt.orElse(null);
    }
    if (o instanceof OptionalLong opt) {
      return opt.isPresent() ? opt.getAsLong() : null;
    }
    return o;
  }

  public boolean has(Object o) {
    Object v = value(o);
    return v != null && !(v instanceof String s && s.isEmpty());
  }

  public String text(Object o) {
    Object v = value(o);
    if (v instanceof Instant i) {
      return TIME.format(i);
    }
    if (v instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
    return v == null ? "" : v.toString();
  }

  public String either(Object o, String fallback) {
    return has(o) ? text(o) : fallback;
  }

  /** A byte count for people: {@code 1536} is {@code 1.5 KiB}. */
  public String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
  }

  /** A CSS class for an enum value: {@code TIMED_OUT} is {@code timed-out}. */
  public String css(Object o) {
    return text(o).replace(' ', '-');
  }
}
