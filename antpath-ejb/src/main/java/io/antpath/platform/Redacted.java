package io.antpath.platform;

import java.sql.SQLException;

/**
 * Describes a failure for the log without its messages: exception classes, SQL states and the top
 * stack frames only. A message can quote what the failing call was given (a request header with an
 * API key, a body with an MCP token), so code that handles secrets logs failures through this and
 * never through the exception itself.
 */
public final class Redacted {
  private static final int FRAMES = 6;

  private Redacted() {}

  /** {@code [IllegalArgumentException at a.B.c(B.java:12) < ...; caused by ...]}, no messages. */
  public static String describe(Throwable t) {
    StringBuilder b = new StringBuilder("[");
    int depth = 0;
    for (Throwable e = t; e != null && depth < 5; e = e.getCause(), depth++) {
      if (depth > 0) {
        b.append("; caused by ");
      }
      b.append(e.getClass().getName());
      if (e instanceof SQLException sql && sql.getSQLState() != null) {
        b.append(" (SQL state ").append(sql.getSQLState().replaceAll("[^A-Z0-9]", "")).append(')');
      }
      StackTraceElement[] frames = e.getStackTrace();
      for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
        b.append(i == 0 ? " at " : " < ").append(frames[i]);
      }
    }
    return b.append(']').toString();
  }
}
