package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admission under per-workspace locks: caps hold under concurrent claimers, held ones are skipped.
 */
class RunClaimerIT {
  private static WorkerFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new WorkerFixture("claimer");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @BeforeEach
  void nothingElseDue() throws SQLException {
    f.sql(
        "update runs set next_due_at = null, lease_owner = null, lease_expires_at = null,"
            + " status = 'canceled', finished_at = now() where status in ('queued', 'starting')");
  }

  @Test
  void claimersAdmittingAtOnce_neverExceedAWorkspacesCap_norShareARun() throws Exception {
    int claimers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    try {
      for (int round = 0; round < 8; round++) {
        // Two capped workspaces with backlogs (caps 3 and 1) beside two wide ones, so claimers
        // both lock and skip, and wait for one another.
        UUID three = f.workspace();
        UUID one = f.workspace();
        List<UUID> wide = List.of(f.workspace(), f.workspace());
        for (int i = 0; i < 8; i++) {
          run(three, 3);
          run(one, 1);
          for (UUID w : wide) {
            run(w, 100);
          }
        }
        CyclicBarrier together = new CyclicBarrier(claimers);
        List<Future<List<UUID>>> claims = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
          String worker = "c" + i;
          claims.add(
              pool.submit(
                  () -> {
                    together.await(10, TimeUnit.SECONDS);
                    return new RunClaimer(f.ds).claim(worker, 5, Duration.ofSeconds(30));
                  }));
        }
        Set<UUID> claimed = new HashSet<>();
        int total = 0;
        for (Future<List<UUID>> c : claims) {
          List<UUID> got = c.get(30, TimeUnit.SECONDS);
          total += got.size();
          claimed.addAll(got);
        }
        // A claimer that waited for one held workspace may have found another held too and left
        // it: what is left is claimed after. An admission beyond a cap would stay visible.
        List<UUID> rest = new RunClaimer(f.ds).claim("after", 20, Duration.ofSeconds(30));
        total += rest.size();
        claimed.addAll(rest);
        assertThat(claimed).as("no run claimed twice").hasSize(total);
        assertThat(live(three)).as("cap 3").isEqualTo(3);
        assertThat(live(one)).as("cap 1").isEqualTo(1);
        assertThat(total).as("the capped workspaces' places and every wide run").isEqualTo(20);
        nothingElseDue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aWorkspaceAnotherInstanceIsAdmittingInto_isSkipped_thenWaitedFor_andItsAdmissionsCount()
      throws Exception {
    UUID held = f.workspace();
    UUID oldest = run(held, 2);
    UUID second = run(held, 2);
    UUID third = run(held, 2);
    UUID elsewhere = run(f.workspace(), 2);
    try (Connection other = f.ds.getConnection()) {
      // Another instance in the middle of an admission into `held`: it holds the workspace's lock
      // and has admitted two runs (the cap) but not committed yet. They are not the oldest (as
      // when its snapshot did not see the oldest yet), so locked rows alone would not stop a
      // third admission: only the lock and a snapshot taken after it do.
      other.setAutoCommit(false);
      lock(other, held);
      Jdbc.update(
          other,
          "update runs set status = 'starting', lease_owner = 'other', lease_expires_at = now() +"
              + " interval '1 minute', next_due_at = null where id in (?, ?)",
          second,
          third);
      CompletableFuture<List<UUID>> claim = claimAsync("waiter");
      // The other workspace is admitted and committed at once, not after the holder.
      awaitStatus(elsewhere, "starting");
      assertThat(claim).isNotDone();
      other.commit();
      // With slots left it waited for the holder, and counted its admissions: the oldest run of
      // the held workspace stays queued.
      assertThat(claim.get(10, TimeUnit.SECONDS)).containsExactly(elsewhere);
      assertThat(f.one("select status from runs where id = ?", oldest)).isEqualTo("queued");
      assertThat(live(held)).isEqualTo(2);
    }
  }

  @Test
  void aHolderThatNeverLetsGo_costsTheLockTimeout_notTheOtherWorkspaces() throws Exception {
    UUID held = f.workspace();
    UUID stuck = run(held, 2);
    UUID elsewhere = run(f.workspace(), 2);
    try (Connection other = f.ds.getConnection()) {
      other.setAutoCommit(false);
      lock(other, held);
      long t0 = System.nanoTime();
      assertThat(new RunClaimer(f.ds).claim("waiter", 10, Duration.ofSeconds(30)))
          .containsExactly(elsewhere);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
      other.rollback();
    }
    assertThat(new RunClaimer(f.ds).claim("waiter", 10, Duration.ofSeconds(30)))
        .containsExactly(stuck);
  }

  private static UUID run(UUID ws, int cap) throws SQLException {
    return f.run(ws, "{\"model\":\"claude-sonnet-4-5\"}", "{}", 600, WorkerFixture.secrets(), cap);
  }

  private static long live(UUID ws) throws SQLException {
    return (Long)
        f.one(
            "select count(*) from runs where workspace_id = ? and status in ('starting', 'running')",
            ws);
  }

  private static void lock(Connection c, UUID ws) throws SQLException {
    Jdbc.list(
        c,
        "select pg_advisory_xact_lock(?, hashtext(?::text))",
        rs -> null,
        RunClaimer.ADMISSION_LOCKS,
        ws);
  }

  private static CompletableFuture<List<UUID>> claimAsync(String worker) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new RunClaimer(f.ds).claim(worker, 10, Duration.ofSeconds(30));
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static void awaitStatus(UUID run, String status) throws SQLException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!status.equals(f.one("select status from runs where id = ?", run))) {
      assertThat(System.nanoTime()).as(run + " " + status + " in time").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
