package io.antpath.platform.db;

/** Fitting values into the database's column widths. */
public final class Columns {
  private Columns() {}

  /** Cuts {@code s} to at most {@code max} characters; null stays null. */
  public static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
