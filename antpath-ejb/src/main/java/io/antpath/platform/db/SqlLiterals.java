package io.antpath.platform.db;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * SQL text built once from an enum's wire values, for the few predicates that must stay literals:
 * PostgreSQL uses a partial index only when the query's own text implies the index predicate
 * ({@code where status = 'queued'}), which a bound parameter never does. Everything else binds the
 * values as parameters. Only plain lower-case words are accepted, so nothing else can reach the SQL
 * text this way.
 */
public final class SqlLiterals {
  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]*");

  private SqlLiterals() {}

  /** {@code 'queued'}. */
  public static String quote(String wire) {
    if (wire == null || !WORD.matcher(wire).matches()) {
      throw new IllegalArgumentException("not a wire value: " + wire);
    }
    return "'" + wire + "'";
  }

  /** {@code ('starting', 'running')}, in the order given (keep it the index predicate's order). */
  public static String in(List<String> wires) {
    if (wires.isEmpty()) {
      throw new IllegalArgumentException("an empty IN list");
    }
    return wires.stream().map(SqlLiterals::quote).collect(Collectors.joining(", ", "(", ")"));
  }

  /** {@link #in(List)} of the values given. */
  public static String in(String... wires) {
    return in(List.of(wires));
  }
}
