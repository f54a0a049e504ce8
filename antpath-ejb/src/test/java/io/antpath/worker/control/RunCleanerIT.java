package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.cleanup.control.RunCleaner;
import io.antpath.provider.control.ClaudeApi;
import jakarta.json.Json;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cleanup state machine after every terminal path, against PostgreSQL and the simulator. */
class RunCleanerIT {
  private static WorkerFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new WorkerFixture("cleanup");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** Waits for the driver thread to bring the run to {@code status}; fails after 30 s. */
  private static void awaitStatus(UUID run, String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!f.status(run).equals(status)) {
      assertThat(System.nanoTime() - deadline)
          .as("run %s reaches %s within 30 s (it is %s)", run, status, f.status(run))
          .isNegative();
      Thread.sleep(10);
    }
  }

  private static long live(UUID run) {
    long n = 0;
    for (String kind : List.of("agent", "environment", "vault", "session")) {
      n += f.sim.live(kind, "antpath.run", run.toString());
    }
    return n;
  }

  private static String steps(UUID run) throws Exception {
    return f.rows(
            "select step, outcome from cleanup_attempts where run_id = ? order by started_at, finished_at",
            run)
        .toString();
  }

  private static String cleanup(UUID run) throws Exception {
    return f.rows(
            "select status, cleanup_status, lease_owner, next_due_at from runs where id = ?", run)
        .toString();
  }

  @Test
  void afterSuccess_everyProviderResourceGoes_theVaultEntryOnce_andOutputsStay() throws Exception {
    UUID run = f.run(f.workspace(), "{\"sim.step-ms\":\"5\"}");
    f.claimAndDrive("w1", run);
    assertThat(f.one("select count(*) from output_objects where run_id = ?", run)).isEqualTo(1L);
    assertThat(
            (Boolean) f.one("select outputs_captured_at is not null from runs where id = ?", run))
        .isTrue();
    String session = f.sim.sessionIdsWithMetadata("antpath.run", run.toString()).get(0);
    assertThat(live(run)).isEqualTo(3);

    f.cleanOnly(f.cleaner("c1"), run);
    assertThat(cleanup(run)).isEqualTo("[[succeeded, done, null, null]]");
    assertThat(live(run)).isZero();
    assertThat(f.sim.filesOf(session)).isZero();
    assertThat(
            f.rows("select distinct state from provider_resources where run_id = ?", run)
                .toString())
        .isEqualTo("[[deleted]]");
    assertThat(steps(run))
        .isEqualTo(
            "[[session_files, succeeded], [session, succeeded], [agent, succeeded],"
                + " [environment, succeeded], [vault_entry, succeeded]]");
    assertThat(f.destroyed.get(run)).isEqualTo(1);
    assertThat(f.one("select count(*) from output_objects where run_id = ?", run)).isEqualTo(1L);

    // Cleaning again (a duplicate delivery, a crash before the last write) destroys nothing twice.
    f.sql("update runs set cleanup_status = 'pending', next_due_at = now() where id = ?", run);
    f.cleanOnly(f.cleaner("c2"), run);
    assertThat(f.destroyed.get(run)).isEqualTo(1);
    assertThat(
            f.rows(
                    "select outcome, count(*) from cleanup_attempts where run_id = ? and step = 'vault_entry' group by outcome order by outcome",
                    run)
                .toString())
        .isEqualTo("[[already_gone, 1], [succeeded, 1]]");
  }

  @Test
  void retain_keepsTheClaudeSideOnly_andStillDestroysTheVaultEntry() throws Exception {
    UUID run = f.run(f.workspace(), "{\"sim.step-ms\":\"5\"}");
    f.sql("update runs set retain_claude_session = true where id = ?", run);
    f.claimAndDrive("w1", run);
    f.cleanOnly(f.cleaner("c1"), run);
    assertThat(cleanup(run)).isEqualTo("[[succeeded, done, null, null]]");
    assertThat(live(run)).isEqualTo(3);
    assertThat(
            f.rows("select distinct state from provider_resources where run_id = ?", run)
                .toString())
        .isEqualTo("[[retained]]");
    assertThat(f.destroyed.get(run)).isEqualTo(1);
    assertThat(steps(run)).contains("[session, skipped]").endsWith("[vault_entry, succeeded]]");
  }

  @Test
  void everyTerminalPath_endsWithNothingLeftAndTheVaultEntryDestroyed() throws Exception {
    UUID ws = f.workspace();
    UUID failed = f.run(ws, "{\"sim.scenario\":\"fail\",\"sim.step-ms\":\"5\"}");
    f.claimAndDrive("w1", failed);
    UUID timedOut =
        f.run(
            ws,
            "{\"model\":\"claude-sonnet-4-5\"}",
            "{\"sim.scenario\":\"slow\"}",
            1,
            WorkerFixture.secrets());
    f.claimAndDrive("w1", timedOut);
    UUID refused =
        f.run(
            ws,
            "{\"model\":\"claude-sonnet-4-5\",\"tools\":[{\"type\":\"web_search_2099\"}]}",
            "{}",
            600,
            WorkerFixture.secrets());
    f.claimAndDrive("w1", refused);
    UUID canceledRunning = f.run(ws, "{\"sim.scenario\":\"slow\",\"sim.step-ms\":\"5\"}");
    f.claimOnly("w1", canceledRunning);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<?> drive = pool.submit(() -> f.drive("w1", canceledRunning));
    awaitStatus(canceledRunning, "running");
    f.sql("update runs set cancel_requested_at = now() where id = ?", canceledRunning);
    drive.get();
    pool.shutdown();
    UUID canceledQueued = f.run(ws, "{}");
    f.sql(
        "update runs set status = 'canceled', finished_at = now(), next_due_at = now() where id = ?",
        canceledQueued);

    assertThat(
            List.of(
                f.status(failed), f.status(timedOut), f.status(refused), f.status(canceledRunning)))
        .containsExactly("failed", "timed_out", "failed", "canceled");
    for (UUID run : List.of(failed, timedOut, refused, canceledRunning, canceledQueued)) {
      // Each was due when it ended; cleaning one alone puts the others aside, so make it due.
      f.sql("update runs set next_due_at = now() where id = ?", run);
      f.cleanOnly(f.cleaner("c1"), run);
      assertThat(cleanup(run)).as(f.status(run)).endsWith(", done, null, null]]");
      assertThat(live(run)).as(f.status(run)).isZero();
      assertThat(f.destroyed.get(run)).as(f.status(run)).isEqualTo(1);
      assertThat(
              f.one(
                  "select count(*) from provider_resources where run_id = ? and state not in ('deleted')",
                  run))
          .isEqualTo(0L);
    }
    // The refused agent was journalled but never created: it is recorded as absent.
    assertThat(
            f.rows("select state, last_error from provider_resources where run_id = ?", refused)
                .toString())
        .isEqualTo("[[deleted, absent on the provider]]");
    assertThat(steps(canceledQueued)).isEqualTo("[[capture, skipped], [vault_entry, succeeded]]");
  }

  @Test
  void aKeyRevokedMidRun_failsTheCleanupActionably_butTheVaultEntryIsStillDestroyed()
      throws Exception {
    UUID run = f.run(f.workspace(), "{\"sim.scenario\":\"revoke-key\",\"sim.step-ms\":\"5\"}");
    f.claimAndDrive("w1", run);
    assertThat(f.status(run)).isEqualTo("failed");
    f.cleanOnly(f.cleaner("c1"), run);
    assertThat(cleanup(run)).isEqualTo("[[failed, failed, null, null]]");
    String error = (String) f.one("select cleanup_error from runs where id = ?", run);
    assertThat(error)
        .startsWith("the provider refused the run's API key")
        .contains("Left on the Claude side")
        .contains("agent agent_")
        .doesNotContain(WorkerFixture.KEY);
    assertThat(f.destroyed.get(run)).isEqualTo(1);
    assertThat(steps(run)).endsWith("[vault_entry, succeeded]]");
    // Refusals end up in several places (the run, its cleanup steps, the failed capture); the key
    // is in none of them.
    for (String table : List.of("runs", "cleanup_attempts", "output_capture_failures")) {
      String rows =
          f.rows(
                  "select t::text from "
                      + table
                      + " t where "
                      + (table.equals("runs") ? "id" : "run_id")
                      + " = ?",
                  run)
              .toString();
      assertThat(rows).as(table).isNotEqualTo("[]").doesNotContain(WorkerFixture.KEY);
    }
  }

  @Test
  void transientFailures_retryWithTheVaultEntryKept_thenGiveUpAndDestroyIt() throws Exception {
    UUID run = f.run(f.workspace(), "{\"sim.step-ms\":\"5\"}");
    f.claimAndDrive("w1", run);
    RunCleaner unreachable = f.cleaner("c1", URI.create("http://127.0.0.1:9"), 2);
    f.cleanOnly(unreachable, run);
    assertThat(
            f.rows(
                    "select cleanup_status, cleanup_attempt_count, lease_owner from runs where id = ?",
                    run)
                .toString())
        .isEqualTo("[[pending, 1, null]]");
    assertThat((String) f.one("select cleanup_error from runs where id = ?", run))
        .startsWith("retrying (attempt 1 of 2)");
    assertThat(f.bundles).containsKey(run);

    f.cleanOnly(unreachable, run);
    assertThat(f.rows("select cleanup_status from runs where id = ?", run).toString())
        .isEqualTo("[[failed]]");
    assertThat((String) f.one("select cleanup_error from runs where id = ?", run))
        .startsWith("gave up after 2 attempts");
    assertThat(f.destroyed.get(run)).isEqualTo(1);
  }

  @Test
  void aCrashBetweenCreateAndJournal_leaksNothing_whicheverResourceItWas() throws Exception {
    for (String kind : List.of("agent", "environment", "vault", "session")) {
      UUID run = f.mcpRun(f.workspace(), "t");
      f.claimAndDrive("w1", run);
      // As if the worker died after the create call and before journalling its answer.
      f.sql(
          "update provider_resources set state = 'intended', provider_id = null where run_id = ? and kind = ?",
          run,
          kind);
      f.cleanOnly(f.cleaner("c1"), run);
      assertThat(live(run)).as(kind).isZero();
      assertThat(cleanup(run)).as(kind).endsWith(", done, null, null]]");
    }
  }

  /**
   * A data source that fails every call once the simulator has answered {@code n} more requests.
   */
  private static javax.sql.DataSource diesAfterRequests(long n) {
    long base = f.sim.requestCount();
    javax.sql.DataSource ds = f.pooled;
    return (javax.sql.DataSource)
        java.lang.reflect.Proxy.newProxyInstance(
            javax.sql.DataSource.class.getClassLoader(),
            new Class<?>[] {javax.sql.DataSource.class},
            (proxy, method, args) -> {
              if (f.sim.requestCount() - base >= n) {
                throw new java.sql.SQLException("worker killed");
              }
              try {
                return method.invoke(ds, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void aWorkerKilledRightAfterEachProviderCall_leavesNoDuplicateAndNothingBehind()
      throws Exception {
    // Requests of a run with one MCP server: agent, environment, vault, credential, session (with
    // the prompt as its initial event), then polls. Killing the worker right after each of the
    // first six answers is a crash between a side effect and its journal entry.
    for (int n = 1; n <= 6; n++) {
      UUID run = f.mcpRun(f.workspace(), "t");
      f.claimOnly("dies", run);
      javax.sql.DataSource dying = diesAfterRequests(n);
      f.drive(f.driver("dies", dying, Duration.ofSeconds(30)), dying, "dies", run);
      assertThat(f.rows("select lease_owner from runs where id = ?", run).toString())
          .as("killed after request " + n)
          .isEqualTo("[[dies]]");
      // Its lease runs out; another worker takes over and finishes the run.
      f.sql("update runs set lease_expires_at = now() - interval '1 second' where id = ?", run);
      assertThat(new RunClaimer(f.ds).claim("heir", 10, Duration.ofSeconds(30))).contains(run);
      f.drive("heir", run);
      assertThat(f.status(run)).as("after request " + n).isEqualTo("succeeded");
      for (String kind : List.of("agent", "environment", "vault", "session")) {
        assertThat(f.sim.live(kind, "antpath.run", run.toString()))
            .as(kind + " after request " + n)
            .isEqualTo(1);
      }
      f.sql("update runs set next_due_at = now() where id = ?", run);
      f.cleanOnly(f.cleaner("c1"), run);
      assertThat(live(run)).as("after cleanup, killed after request " + n).isZero();
      assertThat(cleanup(run)).endsWith(", done, null, null]]");
    }
  }

  @Test
  void aDriverRestartedAfterACrashBetweenCreateAndJournal_findsTheResourceInsteadOfCreatingIt()
      throws Exception {
    UUID run = f.run(f.workspace(), "{\"sim.step-ms\":\"5\"}");
    f.claimOnly("w1", run);
    String marker = "antpath:" + run + ":agent";
    ClaudeApi api = new ClaudeApi(f.sim.baseUri(), Duration.ofSeconds(5), 0, d -> {});
    api.createAgent(
        WorkerFixture.KEY,
        Json.createObjectBuilder()
            .add("name", "crashed")
            .add("model", "claude-sonnet-4-5")
            .add(
                "metadata",
                Json.createObjectBuilder()
                    .add("antpath.run", run.toString())
                    .add("antpath.marker", marker))
            .build(),
        marker);
    f.sql(
        "insert into provider_resources (id, run_id, workspace_id, kind, marker, state)"
            + " select ?, id, workspace_id, 'agent', ?, 'intended' from runs where id = ?",
        UUID.randomUUID(),
        marker,
        run);
    f.drive("w1", run);
    assertThat(f.status(run)).isEqualTo("succeeded");
    assertThat(f.sim.live("agent", "antpath.marker", marker)).isEqualTo(1);
  }

  @Test
  void deletingARunWhileItsWorkerDrivesIt_stopsIt_thenCleansUp_thenDeletesIt() throws Exception {
    UUID ws = f.workspace();
    UUID run = f.run(ws, "{\"sim.scenario\":\"slow\",\"sim.step-ms\":\"5\"}");
    f.claimOnly("w1", run);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<?> drive = pool.submit(() -> f.drive("w1", run));
    awaitStatus(run, "running");
    // What RunControl.delete does for a live run: deletion and cancellation requested, due now.
    f.sql(
        "update runs set delete_requested_at = now(), cancel_requested_at = now(), next_due_at = now() where id = ?",
        run);
    drive.get();
    pool.shutdown();
    assertThat(f.status(run)).isEqualTo("canceled");
    assertThat(live(run)).isEqualTo(3);
    f.cleanOnly(f.cleaner("c1"), run);
    assertThat(f.one("select count(*) from runs where id = ?", run)).isEqualTo(0L);
    assertThat(live(run)).isZero();
    assertThat(f.destroyed.get(run)).isEqualTo(1);
  }

  @Test
  void deletion_waitsForTheCleanup_thenRemovesStorageAndTheRun() throws Exception {
    UUID ws = f.workspace();
    UUID run = f.run(ws, "{\"sim.step-ms\":\"5\",\"sim.files\":\"a.txt:100,b.txt:50\"}");
    f.claimAndDrive("w1", run);
    assertThat((Long) f.one("select storage_used_bytes from workspaces where id = ?", ws))
        .isEqualTo(150);
    List<String> keys =
        f.rows("select storage_key from output_objects where run_id = ?", run).stream()
            .map(r -> (String) r.get(0))
            .toList();
    f.sql("update runs set delete_requested_at = now() where id = ?", run);

    // While the provider cannot be reached the cleanup is not over: nothing is deleted yet.
    f.cleanOnly(f.cleaner("c1", URI.create("http://127.0.0.1:9"), 5), run);
    assertThat(f.one("select count(*) from runs where id = ?", run)).isEqualTo(1L);
    assertThat(keys).allMatch(k -> Files.exists(f.storage.resolve(k)));

    f.cleanOnly(f.cleaner("c2"), run);
    assertThat(f.one("select count(*) from runs where id = ?", run)).isEqualTo(0L);
    assertThat(keys).noneMatch(k -> Files.exists(f.storage.resolve(k)));
    assertThat((Long) f.one("select storage_used_bytes from workspaces where id = ?", ws)).isZero();
    assertThat(live(run)).isZero();
    assertThat(
            (String)
                f.one(
                    "select detail::text from audit_log where action = 'run.purged' and target_id = ?",
                    run.toString()))
        .contains("\"outputsDeleted\": 2");
  }
}
