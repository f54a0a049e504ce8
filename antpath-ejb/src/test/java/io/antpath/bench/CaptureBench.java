package io.antpath.bench;

import io.antpath.capture.control.FilesystemStorage;
import io.antpath.capture.control.OutputCapture;
import io.antpath.provider.control.ClaudeApi;
import io.antpath.sim.ClaudeSimulator;
import io.antpath.testdata.SimSessions;
import io.antpath.testkit.TestDatabase;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Captures one simulated output file of N GiB (default 5) through the real capture path (Files API
 * listing, reservation, streaming download, filesystem storage with SHA-256, output row) and prints
 * time, throughput and the peak heap. Run by {@code bench/capture}, which gives the JVM a 256 MB
 * heap.
 */
public final class CaptureBench {
  private static final String KEY = "sk-ant-bench";

  public static void main(String[] args) throws Exception {
    double gib = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    long bytes = (long) (gib * (1L << 30));
    Path root = Files.createTempDirectory("antpath-bench-storage");
    try (TestDatabase db = TestDatabase.migrated("bench");
        ClaudeSimulator sim = ClaudeSimulator.start(0)) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(db.url());
      ClaudeApi api = new ClaudeApi(sim.baseUri(), Duration.ofMinutes(30), 0, d -> {});
      String session = session(api, bytes);
      UUID user = UUID.randomUUID();
      UUID ws = UUID.randomUUID();
      UUID run = UUID.randomUUID();
      try (Connection c = ds.getConnection()) {
        exec(c, "insert into app_users (id, email) values (?, 'bench@example.com')", user);
        exec(
            c,
            "insert into workspaces (id, slug, name, created_by_user_id) values (?, 'bench', 'bench', ?)",
            ws,
            user);
        exec(
            c,
            "insert into runs (id, workspace_id, created_by_user_id, request_hash, spec, timeout_seconds, tier,"
                + " cap_max_concurrent_runs, cap_storage_bytes, cap_output_safety_bytes, cap_max_timeout_seconds)"
                + " values (?, ?, ?, sha256('b'::bytea), '{}', 60, 'bench', 1, 9223372036854775807,"
                + " 9223372036854775807, 3600)",
            run,
            ws,
            user);
      }
      OutputCapture capture =
          new OutputCapture(
              ds, api, new FilesystemStorage(root), new OutputCapture.Settings(0, Duration.ZERO));
      System.gc();
      resetPeaks();
      long t0 = System.nanoTime();
      OutputCapture.Result result =
          capture.capture(
              new OutputCapture.Target(run, ws, user, null, Long.MAX_VALUE, Long.MAX_VALUE),
              KEY,
              session);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long stored;
      try (Connection c = ds.getConnection();
          PreparedStatement ps =
              c.prepareStatement("select size_bytes from output_objects where run_id = ?")) {
        ps.setObject(1, run);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          stored = rs.getLong(1);
        }
      }
      if (result.captured() != 1 || stored != bytes) {
        throw new IllegalStateException("capture failed: " + result + ", stored " + stored);
      }
      long maxHeap = Runtime.getRuntime().maxMemory();
      System.out.printf(
          Locale.ROOT,
          "capture: %.2f GiB in %.1f s = %.0f MiB/s; peak heap used %.1f MiB of %.0f MiB max (java %s)%n",
          bytes / (double) (1L << 30),
          seconds,
          bytes / (double) (1 << 20) / seconds,
          peakHeap() / (double) (1 << 20),
          maxHeap / (double) (1 << 20),
          System.getProperty("java.version"));
    } finally {
      try (var files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String session(ClaudeApi api, long bytes) throws InterruptedException {
    return SimSessions.finished(
        api, KEY, Map.of("sim.files", "big.bin:" + bytes), Duration.ofMinutes(1));
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static void exec(Connection c, String sql, Object... args) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.execute();
    }
  }
}
