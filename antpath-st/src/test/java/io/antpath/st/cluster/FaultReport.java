package io.antpath.st.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fault suite's figures (throughput against the baseline, recovery times and their p99), kept
 * while the scenarios run and written to {@code target/fault-report.md} (and the test output) at
 * the end, for {@code docs/reliability.md}.
 */
final class FaultReport {
  private static final List<String> LINES = new ArrayList<>();
  private static final List<Duration> RECOVERIES = new ArrayList<>();

  private FaultReport() {}

  static synchronized void line(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    LINES.add(line);
    System.out.println("[faults] " + line);
  }

  static void invariants(String scenario, int runs, String states) {
    line("%s: %d runs settled cleanly (%s)", scenario, runs, states);
  }

  static void throughput(String scenario, double best, double baseline) {
    line(
        "%s: throughput back to %.2f runs/s = %.0f %% of the baseline %.2f",
        scenario, best, 100 * best / baseline, baseline);
  }

  /** A run's recovery: from the fault until another instance took its next step. */
  static synchronized void recovered(String scenario, Duration d) {
    RECOVERIES.add(d);
    line(
        "%s: run resumed by another instance %.1f s after the fault", scenario, d.toMillis() / 1e3);
  }

  /** p99 of every recovery measured so far (the largest when there are fewer than 100). */
  static synchronized Duration p99() {
    List<Duration> sorted = RECOVERIES.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return Duration.ZERO;
    }
    int index = (int) Math.ceil(0.99 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  static synchronized void write() {
    if (!RECOVERIES.isEmpty()) {
      line(
          "recovery (fault -> run resumed by another instance): %d runs, p99 %.1f s, max %.1f s",
          RECOVERIES.size(),
          p99().toMillis() / 1e3,
          RECOVERIES.stream().max(Duration::compareTo).orElseThrow().toMillis() / 1e3);
    }
    try {
      Files.createDirectories(Path.of("target"));
      List<String> out = new ArrayList<>(List.of("# fault suite, " + Instant.now(), ""));
      LINES.forEach(l -> out.add("- " + l));
      Files.write(Path.of("target", "fault-report.md"), out);
    } catch (IOException e) {
      System.out.println("[faults] report not written: " + e.getMessage());
    }
  }
}
