package io.antpath.run.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON canonicalization in the style of RFC 8785 (JCS): object members sorted by their UTF-16 code
 * units, no whitespace, strings with the minimal escapes, numbers in ECMAScript form. Two requests
 * that mean the same thing hash the same, whatever their key order or formatting.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static String canonical(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  public static byte[] sha256(JsonValue value) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(canonical(value).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(JsonValue value, StringBuilder out) {
    switch (value.getValueType()) {
      case OBJECT -> {
        JsonObject object = value.asJsonObject();
        List<String> keys = new ArrayList<>(object.keySet());
        keys.sort(
            String::compareTo); // String order is UTF-16 code unit order, as RFC 8785 requires.
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(keys.get(i), out);
          out.append(':');
          write(object.get(keys.get(i)), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        JsonArray array = value.asJsonArray();
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(array.get(i), out);
        }
        out.append(']');
      }
      case STRING -> string(((JsonString) value).getString(), out);
      case NUMBER -> out.append(number(((JsonNumber) value).bigDecimalValue()));
      case TRUE -> out.append("true");
      case FALSE -> out.append("false");
      case NULL -> out.append("null");
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * The shortest decimal that reads back as {@code d}. Java's Double.toString is shortest except
   * that it always renders two digits where one would do (5e-324 prints as 4.9E-324); ECMAScript
   * uses the one.
   */
  private static BigDecimal shortest(double d) {
    BigDecimal java = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (java.precision() == 2) {
      for (RoundingMode mode :
          new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING}) {
        BigDecimal one = java.round(new MathContext(1, mode));
        if (one.doubleValue() == d) {
          return one.stripTrailingZeros();
        }
      }
    }
    return java;
  }

  /**
   * ECMAScript Number-to-String of the double nearest to {@code value} (JDK 19+ gives shortest
   * digits).
   */
  static String number(BigDecimal value) {
    double d = value.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("JSON numbers must be finite");
    }
    if (d == 0) {
      return "0";
    }
    BigDecimal shortest = shortest(Math.abs(d));
    String digits = shortest.unscaledValue().toString();
    int exponent = digits.length() - shortest.scale(); // value = 0.digits × 10^exponent
    String sign = d < 0 ? "-" : "";
    if (exponent >= digits.length() && exponent <= 21) {
      return sign + digits + "0".repeat(exponent - digits.length());
    }
    if (exponent > 0 && exponent <= 21) {
      return sign + digits.substring(0, exponent) + "." + digits.substring(exponent);
    }
    if (exponent > -6 && exponent <= 0) {
      return sign + "0." + "0".repeat(-exponent) + digits;
    }
    int e = exponent - 1;
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return sign + mantissa + "e" + (e < 0 ? "-" : "+") + Math.abs(e);
  }
}
