package io.antpath.capture.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a file name from the provider into the name antpath shows and offers for download: a
 * relative path whose segments are never empty, {@code .} or {@code ..}, without control characters
 * or backslashes, at most 255 UTF-16 units per segment and 1,000 in all. So a client that saves
 * outputs as {@code dir.resolve(name)} stays inside {@code dir}.
 */
public final class OutputNames {
  private static final int MAX_SEGMENT = 255;
  private static final int MAX_TOTAL = 1000;

  private OutputNames() {}

  public static String safe(String name) {
    if (name == null) {
      return "file";
    }
    List<String> parts = new ArrayList<>();
    for (String segment : name.replace('\\', '/').split("/")) {
      StringBuilder clean = new StringBuilder();
      segment
          .codePoints()
          .filter(cp -> !Character.isISOControl(cp) && cp != 0x2028 && cp != 0x2029)
          .forEach(clean::appendCodePoint);
      String s = clean.toString().strip();
      if (s.isEmpty() || s.equals(".") || s.equals("..")) {
        continue;
      }
      if (s.length() > MAX_SEGMENT) {
        s = cut(s, MAX_SEGMENT);
      }
      parts.add(s);
    }
    String joined = String.join("/", parts);
    if (joined.length() > MAX_TOTAL) {
      joined = cut(joined, MAX_TOTAL).replaceAll("/+$", "");
    }
    return joined.isEmpty() ? "file" : joined;
  }

  /** The last segment, for Content-Disposition. */
  public static String baseName(String safeName) {
    return safeName.substring(safeName.lastIndexOf('/') + 1);
  }

  /** {@code attachment} with an ASCII fallback name and the exact name in RFC 5987 form. */
  public static String disposition(String safeName) {
    String base = baseName(safeName);
    String ascii = base.replaceAll("[^A-Za-z0-9._ -]", "_");
    String encoded =
        java.net.URLEncoder.encode(base, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  /** A content type from the name's extension (the provider's mime type is not trusted). */
  public static String contentType(String safeName) {
    String n = safeName.toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    String ext = dot < 0 ? "" : n.substring(dot + 1);
    return switch (ext) {
      case "txt", "log" -> "text/plain";
      case "md" -> "text/markdown";
      case "csv" -> "text/csv";
      case "json" -> "application/json";
      case "pdf" -> "application/pdf";
      case "png" -> "image/png";
      case "jpg", "jpeg" -> "image/jpeg";
      case "gif" -> "image/gif";
      case "zip" -> "application/zip";
      case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
      case "pptx" -> "application/vnd.openxmlformats-officedocument.presentationml.presentation";
      default -> "application/octet-stream";
    };
  }

  /** Cuts to at most {@code max} UTF-16 units without splitting a surrogate pair. */
  private static String cut(String s, int max) {
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
