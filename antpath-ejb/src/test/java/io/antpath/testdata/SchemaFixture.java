package io.antpath.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The base rows of {@code schema/base-rows.sql} and their fixed ids. */
public final class SchemaFixture {
  public static final Map<String, String> IDS =
      Map.ofEntries(
          Map.entry("U1", "10000000-0000-7000-8000-000000000001"),
          Map.entry("U2", "10000000-0000-7000-8000-000000000002"),
          Map.entry("W1", "20000000-0000-7000-8000-000000000001"),
          Map.entry("W2", "20000000-0000-7000-8000-000000000002"),
          Map.entry("T1", "30000000-0000-7000-8000-000000000001"),
          Map.entry("R1", "40000000-0000-7000-8000-000000000001"),
          Map.entry("A1", "50000000-0000-7000-8000-000000000001"),
          Map.entry("V1", "60000000-0000-7000-8000-000000000001"),
          Map.entry("P1", "70000000-0000-7000-8000-000000000001"),
          Map.entry("O1", "80000000-0000-7000-8000-000000000001"),
          Map.entry("F1", "90000000-0000-7000-8000-000000000001"),
          Map.entry("C1", "a0000000-0000-7000-8000-000000000001"));

  private SchemaFixture() {}

  /** Replaces {@code {U1}}-style placeholders with the fixed ids. */
  public static String expand(String sql) {
    String out = sql;
    for (Map.Entry<String, String> e : IDS.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  public static String resource(String name) {
    try (InputStream in = SchemaFixture.class.getResourceAsStream("/schema/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource schema/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
