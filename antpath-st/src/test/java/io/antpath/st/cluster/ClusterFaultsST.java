package io.antpath.st.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.testkit.AntpathServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite (docs/reliability.md): real server processes of a two-instance cluster on one
 * PostgreSQL, runs submitted throughout, one fault per scenario, and the same invariants after each
 * ({@link FaultCluster#assertSettledCleanly}): every run terminal exactly once, cleanup done, no
 * vault entry left, no provider resource created twice or left behind, no write by a stale lease
 * owner, and throughput back to at least 95 % of the healthy baseline. Scenarios run in the order
 * of the value on one shared stage; each leaves the cluster whole for the next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsST {
  /** Runs live at once during a scenario: both demo workspaces at their cap of 10. */
  private static final int LOAD = 20;

  /** A session of about 6 × 200 ms: long enough to be interrupted in every step. */
  private static final int STEP_MS = 200;

  private static final Duration SETTLE = Duration.ofSeconds(180);
  private static FaultCluster stage;

  @BeforeAll
  static void start() throws Exception {
    stage = FaultCluster.start();
    stage.baseline();
  }

  @AfterAll
  static void stop() {
    if (stage != null) {
      stage.close();
    }
  }

  @Test
  @Order(1)
  void sigkillOfOneOfTwoInstancesMidLoad_runsResumeOnTheOther() throws Exception {
    List<UUID> runs = stage.submit(LOAD, "sigkill", STEP_MS);
    String victim = stage.workerId(0);
    stage.awaitLeasesHeldBy(victim, Duration.ofSeconds(60));
    stage.cluster.instance(0).signal("KILL");
    long killedAt = System.nanoTime();
    assertThat(stage.cluster.instance(0).awaitExit(Duration.ofSeconds(10))).isEqualTo(137);
    Map<UUID, Long> held = stage.leases(victim);
    stage.cluster.replaceLater(0);
    runs.addAll(stage.submit(LOAD / 2, "sigkill-after", STEP_MS));
    stage.measureRecovery("sigkill", victim, held, killedAt, Duration.ofSeconds(90));
    stage.awaitSettled(runs, SETTLE);
    stage.cluster.awaitReady(0);
    stage.assertSettledCleanly("sigkill", runs, true);
    stage.assertThroughputRecovered("sigkill");
  }

  @Test
  @Order(2)
  void workerPausedPastItsLease_writesNothingAndOthersTakeOver() throws Exception {
    List<UUID> runs = stage.submit(LOAD, "sigstop", STEP_MS);
    String victim = stage.workerId(1);
    stage.awaitLeasesHeldBy(victim, Duration.ofSeconds(60));
    stage.cluster.instance(1).signal("STOP");
    long pausedAt = System.nanoTime();
    try {
      Map<UUID, Long> held = stage.leases(victim);
      // Resumed only after the other instance took over every run it held: past its lease.
      stage.measureRecovery("sigstop", victim, held, pausedAt, Duration.ofSeconds(90));
    } finally {
      stage.cluster.instance(1).signal("CONT");
    }
    stage.awaitSettled(runs, SETTLE);
    stage.assertSettledCleanly("sigstop", runs, true);
    stage.assertThroughputRecovered("sigstop");
  }

  @Test
  @Order(3)
  void sigtermDrain_leavesNoRunOwnedByTheStoppedInstance() throws Exception {
    List<UUID> runs = stage.submit(LOAD, "sigterm", STEP_MS);
    String victim = stage.workerId(0);
    stage.awaitLeasesHeldBy(victim, Duration.ofSeconds(60));
    Map<UUID, Long> held = stage.leases(victim);
    stage.cluster.instance(0).signal("TERM");
    long stoppedAt = System.nanoTime();
    int exit = stage.cluster.instance(0).awaitExit(Duration.ofSeconds(60));
    assertThat(exit).as("exit code after SIGTERM").isNotEqualTo(-1);
    assertThat(stage.count("select count(*) from runs where lease_owner = ?", victim))
        .as("runs still owned by the stopped instance")
        .isZero();
    stage.cluster.replaceLater(0);
    stage.measureRecovery("sigterm", victim, held, stoppedAt, Duration.ofSeconds(60));
    stage.awaitSettled(runs, SETTLE);
    stage.cluster.awaitReady(0);
    stage.assertSettledCleanly("sigterm", runs, true);
    stage.assertThroughputRecovered("sigterm");
  }

  @Test
  @Order(4)
  void backendConnectionsKilledRepeatedly_underLoad() throws Exception {
    List<UUID> runs = stage.submit(LOAD, "backend-kill", STEP_MS);
    int killed = 0;
    for (int round = 0; round < 6; round++) {
      Thread.sleep(2000);
      killed +=
          (int)
              stage.count(
                  "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity"
                      + " where usename = 'antpath' and pid <> pg_backend_pid()) t");
    }
    FaultReport.line("backend-kill: %d backend connections terminated in 6 rounds", killed);
    assertThat(killed).isPositive();
    stage.awaitSettled(runs, SETTLE);
    stage.assertSettledCleanly("backend-kill", runs, false);
    stage.assertThroughputRecovered("backend-kill");
  }

  @Test
  @Order(5)
  void connectionSlotsExhaustedByAnotherClient_forTenSeconds() throws Exception {
    List<UUID> runs = stage.submit(LOAD, "pool-exhaustion", STEP_MS);
    Thread.sleep(1000);
    List<Connection> hog = new ArrayList<>();
    try {
      // Every slot an ordinary role may use, taken by another client; then the application's own
      // connections cut, and the slots they freed taken too: its pool must wait for a free slot.
      stage.fillConnectionSlots(hog);
      int before = hog.size();
      stage.count(
          "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity"
              + " where usename = 'antpath') t");
      stage.fillConnectionSlots(hog);
      long free = hog.size();
      FaultReport.line(
          "pool-exhaustion: %d free slots, then %d freed by cutting the application's connections",
          before, free - before);
      Thread.sleep(10_000);
    } finally {
      for (Connection c : hog) {
        close(c);
      }
    }
    stage.awaitSettled(runs, SETTLE);
    stage.assertSettledCleanly("pool-exhaustion", runs, false);
    stage.assertThroughputRecovered("pool-exhaustion");
  }

  @Test
  @Order(6)
  void postgresRestartedUnderLoad() throws Exception {
    List<UUID> runs = stage.submit(LOAD, "pg-restart", STEP_MS);
    Thread.sleep(1500);
    long t0 = System.nanoTime();
    stage.pg.restart();
    FaultReport.line(
        "pg-restart: PostgreSQL down and up again in %.1f s", (System.nanoTime() - t0) / 1e9);
    runs.addAll(stage.submit(LOAD / 2, "pg-restart-after", STEP_MS));
    stage.awaitSettled(runs, SETTLE);
    stage.assertSettledCleanly("pg-restart", runs, false);
    stage.assertThroughputRecovered("pg-restart");
  }

  @Test
  @Order(7)
  void providerFaultStormAcrossAHundredRuns_noRunStuck() throws Exception {
    String[] storms = {
      "rate-limit", "server-errors", "drop-connections", "malformed-listing", "success"
    };
    List<UUID> runs = new ArrayList<>();
    List<UUID> unlistable = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String storm = storms[i % storms.length];
      runs.add(stage.submitOne("storm", 50, Map.of("sim.scenario", storm)));
      if (storm.equals("malformed-listing")) {
        unlistable.add(runs.get(i));
      }
    }
    stage.awaitSettled(runs, Duration.ofSeconds(300));
    stage.assertSettledCleanly("storm", runs, false, unlistable);
    for (AntpathServer s : stage.cluster.instances()) {
      assertThat(s.isAlive()).isTrue();
      assertThat(s.status("/health/live")).isEqualTo(200);
    }
    stage.assertThroughputRecovered("storm");
  }

  /**
   * Points of a run's life, as conditions on its row {@code r} and its journal, at which the
   * instance holding its lease is killed.
   */
  private static final Map<String, String> STEPS =
      new java.util.LinkedHashMap<>(
          Map.of(
              "1 after claim",
              "r.status = 'starting' and not exists (select 1 from provider_resources p"
                  + " where p.run_id = r.id and p.state = 'created')",
              "2 after the agent's create",
              "r.status = 'starting' and exists (select 1 from provider_resources p where"
                  + " p.run_id = r.id and p.kind = 'agent' and p.state = 'created') and not exists"
                  + " (select 1 from provider_resources p where p.run_id = r.id"
                  + " and p.kind = 'environment' and p.state = 'created')",
              "3 after the environment's create",
              "r.status = 'starting' and exists (select 1 from provider_resources p where"
                  + " p.run_id = r.id and p.kind = 'environment' and p.state = 'created')",
              "4 while the session runs",
              "r.status = 'running'",
              "5 during the cleanup",
              "r.cleanup_status = 'in_progress'"));

  @Test
  @Order(8)
  void killMinus9OfTheInstanceWorkingOnARun_atEachStepOfItsLife() throws Exception {
    // Slow provider answers (400 ms) keep each step open long enough to be caught in it.
    stage.sim.latency(Duration.ofMillis(400));
    List<UUID> runs = new ArrayList<>();
    try {
      for (var step : new java.util.TreeMap<>(STEPS).entrySet()) {
        UUID run = stage.submitOne("kill-at-step", STEP_MS, Map.of());
        runs.add(run);
        int victim = stage.awaitLeaseWhere(run, step.getValue(), Duration.ofSeconds(60));
        String worker = stage.workerId(victim);
        stage.cluster.instance(victim).signal("KILL");
        long killedAt = System.nanoTime();
        stage.cluster.instance(victim).awaitExit(Duration.ofSeconds(10));
        Map<UUID, Long> held = stage.leases(worker);
        stage.cluster.replaceLater(victim);
        stage.measureRecovery(
            "kill -9 " + step.getKey(), worker, held, killedAt, Duration.ofSeconds(90));
        stage.awaitSettled(List.of(run), SETTLE);
        stage.cluster.awaitReady(victim);
      }
    } finally {
      stage.sim.latency(Duration.ofMillis(60));
    }
    stage.assertSettledCleanly("kill-at-each-step", runs, true);
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Already gone.
    }
  }
}
