package io.antpath.platform.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses sizes such as {@code 1073741824}, {@code 512MiB}, {@code 10GB} or {@code 2 GiB} into
 * bytes.
 */
public final class ByteSize {
  private static final Pattern FORMAT =
      Pattern.compile("^\\s*(\\d{1,19})\\s*(B|KB|KIB|MB|MIB|GB|GIB|TB|TIB)?\\s*$");

  private ByteSize() {}

  public static long parse(String text) {
    Matcher m = FORMAT.matcher(text.toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a size like 1073741824, 512MiB or 10GB");
    }
    long number = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    long factor =
        switch (unit) {
          case "B" -> 1L;
          case "KB" -> 1_000L;
          case "KIB" -> 1L << 10;
          case "MB" -> 1_000_000L;
          case "MIB" -> 1L << 20;
          case "GB" -> 1_000_000_000L;
          case "GIB" -> 1L << 30;
          case "TB" -> 1_000_000_000_000L;
          default -> 1L << 40;
        };
    try {
      return Math.multiplyExact(number, factor);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("is too large", e);
    }
  }
}
