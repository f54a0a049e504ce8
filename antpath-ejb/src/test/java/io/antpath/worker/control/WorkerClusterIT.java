package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several worker instances on one database: every run is processed exactly once and fairly, and a
 * run whose worker died is finished by another one after its lease expired.
 */
class WorkerClusterIT {
  private static WorkerFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new WorkerFixture("cluster");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** One worker instance: a claim loop and {@code slots} driver threads, as RunWorker runs them. */
  private static final class Instance implements AutoCloseable {
    final String id;
    final ExecutorService pool;
    final Thread loop;
    final AtomicInteger active = new AtomicInteger();
    final List<UUID> claimed = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean stopped;

    Instance(String id, int slots) {
      this.id = id;
      this.pool = Executors.newFixedThreadPool(slots);
      RunDriver driver = f.driver(id);
      RunClaimer claimer = new RunClaimer(f.ds);
      loop =
          new Thread(
              () -> {
                while (!stopped) {
                  try {
                    for (UUID run :
                        claimer.claim(id, slots - active.get(), Duration.ofSeconds(30))) {
                      claimed.add(run);
                      active.incrementAndGet();
                      pool.execute(
                          () -> {
                            try {
                              driver.step(run);
                            } finally {
                              active.decrementAndGet();
                            }
                          });
                    }
                    Thread.sleep(5);
                  } catch (SQLException | InterruptedException e) {
                    return;
                  }
                }
              });
      loop.start();
    }

    @Override
    public void close() {
      stopped = true;
      try {
        loop.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      pool.shutdown();
    }
  }

  @Test
  void twoInstances_process500RunsAcross5Workspaces_exactlyOnce_andFairly() throws Exception {
    f.sql("update runs set next_due_at = null where next_due_at is not null");
    long sessionsBefore = f.sim.count("session", true);
    long agentsBefore = f.sim.count("agent", true);
    long environmentsBefore = f.sim.count("environment", true);
    // One workspace queues 300 runs before anyone else; its cap would let it take every slot.
    UUID busy = f.workspace();
    List<UUID> quiet = new ArrayList<>();
    Map<UUID, UUID> workspaceOf = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      workspaceOf.put(insert(busy), busy);
    }
    for (int w = 0; w < 4; w++) {
      UUID ws = f.workspace();
      quiet.add(ws);
      for (int i = 0; i < 50; i++) {
        workspaceOf.put(insert(ws), ws);
      }
    }

    try (Instance a = new Instance("node-a", 6);
        Instance b = new Instance("node-b", 6)) {
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (((Number)
                  f.one(
                      "select count(*) from runs where status = 'succeeded' and workspace_id = any(?)",
                      (Object) workspaces(busy, quiet)))
              .intValue()
          < 500) {
        assertThat(System.nanoTime()).as("all runs finished in time").isLessThan(deadline);
        Thread.sleep(100);
      }
      // Steps of one run may be taken by either instance (the run is a row between them); both
      // worked, and every run was claimed. Exactly once is the provider's count below.
      assertThat(a.claimed).isNotEmpty();
      assertThat(b.claimed).isNotEmpty();
      java.util.Set<UUID> runs = new java.util.HashSet<>(a.claimed);
      runs.addAll(b.claimed);
      assertThat(runs).hasSize(500);
    }

    UUID[] all = workspaceOf.keySet().toArray(UUID[]::new);
    assertThat(
            f.rows(
                    "select status, count(*) from runs where id = any(?) group by status",
                    (Object) all)
                .toString())
        .isEqualTo("[[succeeded, 500]]");
    assertThat(
            f.rows(
                    "select outcome, count(*) from run_attempts where run_id = any(?) group by outcome",
                    (Object) all)
                .toString())
        .isEqualTo("[[succeeded, 500]]");
    assertThat(f.sim.count("session", true) - sessionsBefore).isEqualTo(500);
    assertThat(f.sim.count("agent", true) - agentsBefore).isEqualTo(500);
    assertThat(f.sim.count("environment", true) - environmentsBefore).isEqualTo(500);
    for (UUID run : List.copyOf(workspaceOf.keySet()).subList(0, 25)) {
      assertThat(f.sim.sessionIdsWithMetadata("antpath.run", run.toString())).hasSize(1);
    }

    // Fairness: the quiet workspaces were served alongside the busy one, not after it. By the time
    // the last quiet run started, the busy workspace had started only about its share.
    Object lastQuietStart =
        f.one(
            "select max(started_at) from runs where workspace_id = any(?)",
            (Object) quiet.toArray(UUID[]::new));
    long busyBefore =
        (Long)
            f.one(
                "select count(*) from runs where workspace_id = ? and started_at < ?",
                busy,
                lastQuietStart);
    assertThat(busyBefore).as("busy runs started before the last quiet one").isLessThan(120);
  }

  private static UUID[] workspaces(UUID busy, List<UUID> quiet) {
    List<UUID> all = new ArrayList<>(quiet);
    all.add(busy);
    return all.toArray(UUID[]::new);
  }

  private static UUID insert(UUID ws) throws SQLException {
    return f.run(
        ws,
        "{\"model\":\"claude-sonnet-4-5\"}",
        "{\"sim.step-ms\":\"1\"}",
        600,
        WorkerFixture.secrets(),
        100);
  }

  @Test
  void aWorkerKilledMidRun_leavesItsLease_andAnotherWorkerFinishesTheRunAfterItExpires()
      throws Exception {
    UUID run = f.run(f.workspace(), "{\"sim.step-ms\":\"150\"}");
    f.claimOnly("dies", run);
    f.sql("update runs set lease_expires_at = now() + interval '2 seconds' where id = ?", run);
    // The dying worker's database goes away at once, as when its process is killed: it can write
    // nothing more, not even that it stopped.
    AtomicBoolean killed = new AtomicBoolean();
    DataSource dying = killable(f.ds, killed);
    RunDriver doomed = f.driver("dies", dying, Duration.ofSeconds(2));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    // Its first step provisions the run and lets go; it claims the next step (a look at the
    // session) and is killed in it: it can write nothing more, not even that it stopped.
    assertThat(doomed.step(run)).isEqualTo(RunDriver.Outcome.WAITING);
    assertThat(f.status(run)).isEqualTo("running");
    while (!new RunClaimer(dying).claimRun("dies", run, Duration.ofSeconds(2))) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      WorkerFixture.pause(5);
    }
    killed.set(true);
    assertThat(doomed.step(run)).isEqualTo(RunDriver.Outcome.LOST);
    assertThat(f.rows("select status, lease_owner from runs where id = ?", run).toString())
        .isEqualTo("[[running, dies]]");

    RunClaimer claimer = new RunClaimer(f.ds);
    assertThat(claimer.claim("heir", 10, Duration.ofSeconds(30))).doesNotContain(run);
    List<UUID> got = List.of();
    while (got.isEmpty()) {
      assertThat(System.nanoTime()).as("claimed after the lease expired").isLessThan(deadline);
      Thread.sleep(100);
      got = claimer.claim("heir", 10, Duration.ofSeconds(30));
    }
    assertThat(got).containsExactly(run);
    f.drive(f.driver("heir"), f.ds, "heir", run);

    assertThat(f.status(run)).isEqualTo("succeeded");
    assertThat(f.sim.sessionIdsWithMetadata("antpath.run", run.toString())).hasSize(1);
    assertThat(
            f.rows(
                    "select attempt_no, worker_id, outcome from run_attempts where run_id = ? order by attempt_no",
                    run)
                .toString())
        .isEqualTo("[[1, dies, lost], [2, heir, succeeded]]");
    assertThat(f.one("select count(*) from provider_resources where run_id = ?", run))
        .isEqualTo(3L);
  }

  @Test
  void aWorkerWhoseLeaseExpired_handsNothingBackOnItsStop() throws Exception {
    UUID run = f.run(f.workspace(), "{\"sim.step-ms\":\"150\"}");
    f.claimOnly("paused", run);
    // Paused past its lease (SIGSTOP), then stopped: the run may be another worker's by now.
    f.sql("update runs set lease_expires_at = now() - interval '1 second' where id = ?", run);
    assertThat(new RunClaimer(f.ds).release("paused", List.of(run))).isZero();
    assertThat(new RunClaimer(f.ds).releaseAll("paused")).isZero();
    assertThat(f.rows("select lease_owner from runs where id = ?", run).toString())
        .isEqualTo("[[paused]]");
  }

  @Test
  void aStoppingWorker_handsBackEveryLiveLeaseItHolds() throws Exception {
    UUID run = f.run(f.workspace(), "{\"sim.step-ms\":\"150\"}");
    f.claimOnly("stopping", run);
    assertThat(new RunClaimer(f.ds).releaseAll("someone-else")).isZero();
    assertThat(new RunClaimer(f.ds).releaseAll("stopping")).isEqualTo(1);
    assertThat(
            f.rows("select lease_owner, next_due_at <= now() from runs where id = ?", run)
                .toString())
        .isEqualTo("[[null, true]]");
  }

  /** A data source that fails every call once {@code killed} is set. */
  private static DataSource killable(DataSource ds, AtomicBoolean killed) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (killed.get()) {
                throw new SQLException("killed");
              }
              try {
                return method.invoke(ds, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
