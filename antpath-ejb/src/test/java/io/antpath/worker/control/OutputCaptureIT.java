package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.capture.control.FilesystemStorage;
import io.antpath.capture.control.OutputCapture;
import io.antpath.provider.control.ClaudeApi;
import io.antpath.testdata.SimSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output capture against the simulator's Files API, PostgreSQL and filesystem storage. */
class OutputCaptureIT {
  private static final String KEY = WorkerFixture.KEY + "capture";
  private static WorkerFixture f;
  private static ClaudeApi api;
  @TempDir static Path storageRoot;

  @BeforeAll
  static void start() throws Exception {
    f = new WorkerFixture("capture");
    api = new ClaudeApi(f.sim.baseUri(), Duration.ofSeconds(10), 3, d -> {});
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** A finished simulator session that wrote the files described by {@code metadata}. */
  private static String session(Map<String, String> metadata) throws Exception {
    return SimSessions.finished(api, KEY, metadata, Duration.ofSeconds(10));
  }

  private static OutputCapture capture() {
    return new OutputCapture(
        f.pooled,
        api,
        new FilesystemStorage(storageRoot),
        new OutputCapture.Settings(0, Duration.ZERO));
  }

  private static OutputCapture.Target target(UUID ws, UUID run, long cap, long safety) {
    return new OutputCapture.Target(run, ws, f.user, null, cap, safety);
  }

  private static long used(UUID ws) throws Exception {
    return (Long) f.one("select storage_used_bytes from workspaces where id = ?", ws);
  }

  private static String outputs(UUID run) throws Exception {
    return f.rows(
            "select filename, size_bytes from output_objects where run_id = ? order by filename",
            run)
        .toString();
  }

  private static String failures(UUID run) throws Exception {
    return f.rows(
            "select filename, size_bytes, reason from output_capture_failures where run_id = ? order by filename",
            run)
        .toString();
  }

  @Test
  void zeroFiles_giveZeroRows() throws Exception {
    UUID ws = f.workspace();
    UUID run = f.run(ws, "{}");
    String session = session(Map.of("sim.files", ""));
    assertThat(capture().capture(target(ws, run, 1000, 1000), KEY, session))
        .isEqualTo(new OutputCapture.Result(0, 0));
    assertThat(outputs(run)).isEqualTo("[]");
    assertThat(failures(run)).isEqualTo("[]");
  }

  @Test
  void mixedSizes_giveExactlyTheFilesThatFit_andQuotaFailuresForTheRest() throws Exception {
    UUID ws = f.workspace();
    UUID run = f.run(ws, "{}");
    String session =
        session(Map.of("sim.files", "a.txt:400,b.txt:400,c.txt:400,d.txt:100,e.txt:0"));
    OutputCapture.Result r = capture().capture(target(ws, run, 1000, 10_000), KEY, session);
    assertThat(r).isEqualTo(new OutputCapture.Result(4, 1));
    assertThat(outputs(run)).isEqualTo("[[a.txt, 400], [b.txt, 400], [d.txt, 100], [e.txt, 0]]");
    assertThat(failures(run)).isEqualTo("[[c.txt, 400, workspace_quota_exceeded]]");
    assertThat(used(ws)).isEqualTo(900);
    assertThat(f.one("select count(*) from storage_reservations where run_id = ?", run))
        .isEqualTo(0L);
    assertThat(
            f.one(
                "select count(*) from audit_log where action = 'output.captured' and workspace_id = ?",
                ws))
        .isEqualTo(4L);

    // Size and SHA-256 are those of the stored bytes.
    List<Object> a =
        f.rows(
                "select storage_key, sha256 from output_objects where run_id = ? and filename = 'a.txt'",
                run)
            .get(0);
    byte[] stored = Files.readAllBytes(storageRoot.resolve((String) a.get(0)));
    assertThat(stored).hasSize(400);
    assertThat(HexFormat.of().formatHex((byte[]) a.get(1)))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)));

    // Capturing again changes nothing.
    assertThat(capture().capture(target(ws, run, 1000, 10_000), KEY, session))
        .isEqualTo(new OutputCapture.Result(0, 0));
    assertThat(used(ws)).isEqualTo(900);
  }

  @Test
  void twoCapturesOfOneWorkspaceAtOnce_cannotBothTakeTheLastBytes() throws Exception {
    UUID ws = f.workspace();
    int runs = 6;
    UUID[] ids = new UUID[runs];
    String[] sessions = new String[runs];
    for (int i = 0; i < runs; i++) {
      ids[i] = f.run(ws, "{}");
      sessions[i] = session(Map.of("sim.files", "big.bin:600"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    try {
      Future<?>[] done = new Future<?>[runs];
      for (int i = 0; i < runs; i++) {
        int n = i;
        done[i] =
            pool.submit(
                () -> capture().capture(target(ws, ids[n], 1000, 10_000), KEY, sessions[n]));
      }
      for (Future<?> d : done) {
        d.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(f.one("select count(*) from output_objects where workspace_id = ?", ws))
        .isEqualTo(1L);
    assertThat(
            f.one(
                "select count(*) from output_capture_failures where workspace_id = ? and reason = 'workspace_quota_exceeded'",
                ws))
        .isEqualTo((long) runs - 1);
    assertThat(used(ws)).isEqualTo(600);
  }

  @Test
  void aFileOverTheSafetyCap_orLongerThanAnnounced_isNotKept() throws Exception {
    UUID ws = f.workspace();
    UUID run = f.run(ws, "{}");
    String session = session(Map.of("sim.files", "huge.bin:5000,ok.txt:10"));
    assertThat(capture().capture(target(ws, run, 1_000_000, 1000), KEY, session))
        .isEqualTo(new OutputCapture.Result(1, 1));
    assertThat(failures(run)).isEqualTo("[[huge.bin, 5000, download_failed]]");

    UUID liar = f.run(ws, "{}");
    String lying = session(Map.of("sim.files", "lie.bin:300", "sim.file-size-lie", "100"));
    long before = used(ws);
    assertThat(capture().capture(target(ws, liar, 1_000_000, 1000), KEY, lying))
        .isEqualTo(new OutputCapture.Result(0, 1));
    assertThat(failures(liar)).isEqualTo("[[lie.bin, 200, download_failed]]");
    assertThat((String) f.one("select detail from output_capture_failures where run_id = ?", liar))
        .contains("longer than the announced 200 bytes");
    assertThat(used(ws)).isEqualTo(before);
    try (var files = Files.walk(storageRoot.resolve(ws.toString()))) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
    }
  }

  @Test
  void hostileNames_arePathSafe_andAMalformedListingIsRecorded() throws Exception {
    UUID ws = f.workspace();
    UUID run = f.run(ws, "{}");
    String session = session(Map.of("sim.files", "../../etc/passwd:5,/abs/x.txt:5,über 📄.md:5"));
    capture().capture(target(ws, run, 1000, 1000), KEY, session);
    assertThat(outputs(run)).isEqualTo("[[abs/x.txt, 5], [etc/passwd, 5], [über 📄.md, 5]]");

    UUID broken = f.run(ws, "{}");
    String malformed = session(Map.of("sim.scenario", "malformed-listing"));
    assertThat(capture().capture(target(ws, broken, 1000, 1000), KEY, malformed))
        .isEqualTo(new OutputCapture.Result(0, 1));
    assertThat(failures(broken)).isEqualTo("[[null, null, listing_failed]]");
  }

  @Test
  void aReservationLeftByADeadCapture_isReleasedWhenTheRunIsCapturedAgain() throws Exception {
    UUID ws = f.workspace();
    UUID run = f.run(ws, "{}");
    f.sql("update workspaces set storage_used_bytes = 700 where id = ?", ws);
    f.sql(
        "insert into storage_reservations (run_id, workspace_id, provider_file_id, bytes) values (?, ?, 'file_dead', 700)",
        run,
        ws);
    String session = session(Map.of("sim.files", "a.txt:500"));
    assertThat(capture().capture(target(ws, run, 1000, 1000), KEY, session))
        .isEqualTo(new OutputCapture.Result(1, 0));
    assertThat(used(ws)).isEqualTo(500);
  }
}
