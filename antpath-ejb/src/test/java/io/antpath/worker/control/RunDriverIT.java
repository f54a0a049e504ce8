package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.provider.control.ClaudeApi;
import io.antpath.sim.ClaudeSimulator;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The driver and the claim query against PostgreSQL and the Claude API simulator. */
class RunDriverIT {
  private static WorkerFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new WorkerFixture("driver");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void success_goesThroughStartingAndRunning_toSucceeded_withRedactedEventsAndUsage()
      throws Exception {
    UUID run =
        f.run(
            f.workspace(),
            "{\"sim.scenario\":\"success\",\"sim.step-ms\":\"5\",\"team\":\"blue\"}");
    f.claimAndDrive("w1", run);
    assertThat(
            f.rows(
                    "select status, cleanup_status, lease_owner, started_at is not null, next_due_at is not null from runs where id = ?",
                    run)
                .toString())
        .isEqualTo("[[succeeded, pending, null, true, true]]");
    assertThat(
            f.rows("select kind, state from provider_resources where run_id = ? order by kind", run)
                .toString())
        .isEqualTo("[[agent, created], [environment, created], [session, created]]");
    String events =
        f.rows("select type, data::text from run_events where run_id = ? order by id", run)
            .toString();
    assertThat(events)
        .contains("session.status_idle", "end_turn", "agent.message", "textBytes", "write");
    assertThat(events).doesNotContain("Working on it").doesNotContain("Write hello.txt");
    assertThat(
            f.rows(
                    "select input_tokens, output_tokens, model from usage_ledger where run_id = ?",
                    run)
                .toString())
        .isEqualTo("[[1200, 340, claude-sonnet-4-5]]");
    assertThat(f.one("select outcome from run_attempts where run_id = ?", run))
        .isEqualTo("succeeded");
    String session = f.sim.sessionIdsWithMetadata("antpath.run", run.toString()).get(0);
    assertThat(f.sim.sessionIdsWithMetadata("team", "blue")).contains(session);
    // The key is nowhere in the database.
    for (String table :
        List.of("runs", "run_events", "run_attempts", "provider_resources", "usage_ledger")) {
      assertThat(f.rows("select t::text from " + table + " t").toString())
          .doesNotContain(WorkerFixture.KEY);
    }
  }

  @Test
  void failingTurn_failsTheRunAsProviderPermanent() throws Exception {
    UUID run = f.run(f.workspace(), "{\"sim.scenario\":\"fail\",\"sim.step-ms\":\"5\"}");
    f.claimAndDrive("w1", run);
    assertThat(
            f.rows("select status, failure_class, failure_code from runs where id = ?", run)
                .toString())
        .isEqualTo("[[failed, provider_permanent, session_failed]]");
  }

  @Test
  void revokedKey_failsTheRunAsTenantPermanent_withoutRetrying() throws Exception {
    UUID run = f.run(f.workspace(), "{\"sim.scenario\":\"revoke-key\",\"sim.step-ms\":\"5\"}");
    f.claimAndDrive("w1", run);
    assertThat(
            f.rows(
                    "select status, failure_class, failure_code, attempt_count from runs where id = ?",
                    run)
                .toString())
        .isEqualTo("[[failed, tenant_permanent, provider_authentication_error, 1]]");
    assertThat((String) f.one("select failure_message from runs where id = ?", run))
        .doesNotContain("sk-ant");
  }

  @Test
  void aRequestTheApiRefuses_failsTheRunAsProviderPermanent_withoutRetrying() throws Exception {
    UUID run =
        f.run(
            f.workspace(),
            "{\"model\":\"claude-sonnet-4-5\",\"tools\":[{\"type\":\"web_search_2099\"}]}",
            "{\"sim.step-ms\":\"5\"}",
            600,
            WorkerFixture.secrets());
    f.claimAndDrive("w1", run);
    assertThat(
            f.rows(
                    "select status, failure_class, failure_code, attempt_count from runs where id = ?",
                    run)
                .toString())
        .isEqualTo("[[failed, provider_permanent, provider_invalid_request_error, 1]]");
    // The agent create was refused: its journal row stays intended, for cleanup to resolve.
    assertThat(
            f.rows("select kind, state from provider_resources where run_id = ?", run).toString())
        .isEqualTo("[[agent, intended]]");
  }

  @Test
  void secretsThatAreGone_failTheRunAsInternal_beforeAnyProviderCall() throws Exception {
    UUID run = f.run(f.workspace(), "{}");
    f.bundles.remove(run);
    long before = f.sim.requestCount();
    f.claimAndDrive("w1", run);
    assertThat(
            f.rows("select status, failure_class, failure_code from runs where id = ?", run)
                .toString())
        .isEqualTo("[[failed, internal, secrets_missing]]");
    assertThat(f.sim.requestCount()).isEqualTo(before);
  }

  @Test
  void rateLimitsAndServerErrors_areRetried_andTheRunSucceeds() throws Exception {
    for (String scenario : List.of("rate-limit", "server-errors", "drop-connections")) {
      f.sleeps.clear();
      UUID run =
          f.run(f.workspace(), "{\"sim.scenario\":\"" + scenario + "\",\"sim.step-ms\":\"5\"}");
      f.claimAndDrive("w1", run);
      assertThat(f.status(run)).as(scenario).isEqualTo("succeeded");
      assertThat(f.sleeps).as(scenario).isNotEmpty();
      if (scenario.equals("rate-limit")) {
        assertThat(f.sleeps).contains(Duration.ofSeconds(1));
      }
    }
  }

  @Test
  void cancellation_interruptsTheSession_andTimeoutEndsAsTimedOut() throws Exception {
    UUID ws = f.workspace();
    UUID canceled = f.run(ws, "{\"sim.scenario\":\"slow\",\"sim.step-ms\":\"5\"}");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    f.claimOnly("w1", canceled);
    Future<?> drive = pool.submit(() -> f.drive("w1", canceled));
    Thread.sleep(300);
    assertThat(f.status(canceled)).isEqualTo("running");
    f.sql("update runs set cancel_requested_at = now() where id = ?", canceled);
    drive.get();
    assertThat(f.status(canceled)).isEqualTo("canceled");
    String session = f.sim.sessionIdsWithMetadata("antpath.run", canceled.toString()).get(0);
    assertThat(
            f.rows("select type from run_events where run_id = ? order by id", canceled).toString())
        .contains("session.status_running");
    assertThat(session).startsWith("sesn_");

    UUID slow =
        f.run(
            ws,
            "{\"model\":\"claude-sonnet-4-5\"}",
            "{\"sim.scenario\":\"slow\"}",
            1,
            WorkerFixture.secrets());
    f.claimAndDrive("w1", slow);
    assertThat(f.rows("select status, failure_code from runs where id = ?", slow).toString())
        .isEqualTo("[[timed_out, timed_out]]");
    pool.shutdown();
  }

  @Test
  void aWorkerThatLostItsLease_stopsWithoutWriting() throws Exception {
    UUID run = f.run(f.workspace(), "{\"sim.scenario\":\"slow\",\"sim.step-ms\":\"5\"}");
    f.claimOnly("w1", run);
    RunDriver w1 = f.driver("w1");
    assertThat(w1.step(run)).isEqualTo(RunDriver.Outcome.WAITING);
    RunClaimer claimer = new RunClaimer(f.ds);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!claimer.claimRun("w1", run, Duration.ofSeconds(30))) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      WorkerFixture.pause(5);
    }
    // While w1 holds the next step, its lease passes to w2 (w1 was paused past it, say).
    f.sql("update runs set lease_owner = 'w2' where id = ?", run);
    Object version = f.one("select version from runs where id = ?", run);
    assertThat(w1.step(run)).isEqualTo(RunDriver.Outcome.LOST);
    assertThat(f.rows("select status, lease_owner from runs where id = ?", run).toString())
        .isEqualTo("[[running, w2]]");
    assertThat(f.one("select version from runs where id = ?", run)).isEqualTo(version);
    assertThat(f.one("select count(*) from run_events where run_id = ?", run)).isEqualTo(0L);
  }

  @Test
  void leases_areRenewedOnlyForTheirOwner_andNotOnceExpired() throws Exception {
    UUID mine = f.run(f.workspace(), "{}");
    f.claimOnly("keeper", mine);
    UUID other = f.run(f.workspace(), "{}");
    f.claimOnly("someone-else", other);
    f.sql("update runs set lease_expires_at = now() + interval '1 second' where id = ?", mine);
    RunClaimer claimer = new RunClaimer(f.ds);
    assertThat(claimer.renew("keeper", List.of(mine, other), Duration.ofSeconds(90)))
        .containsExactly(mine);
    assertThat(
            (Boolean)
                f.one(
                    "select lease_expires_at > now() + interval '80 seconds' from runs where id = ?",
                    mine))
        .isTrue();
    f.sql("update runs set lease_expires_at = now() - interval '1 second' where id = ?", mine);
    assertThat(claimer.renew("keeper", List.of(mine), Duration.ofSeconds(90))).isEmpty();
    f.sql(
        "update runs set status = 'canceled', finished_at = now(), lease_owner = null, lease_expires_at = null where id in (?, ?)",
        mine,
        other);
  }

  @Test
  void mcpCredentials_becomeAClaudeVaultAndCredential_andTheAgentDeclaresTheServer()
      throws Exception {
    long vaults = f.sim.count("vault", true);
    UUID run = f.mcpRun(f.workspace(), "mcp-CANARY");
    f.claimAndDrive("w1", run);
    assertThat(f.status(run)).isEqualTo("succeeded");
    assertThat(f.sim.count("vault", true)).isEqualTo(vaults + 1);
    assertThat(
            f.rows("select kind from provider_resources where run_id = ? order by kind", run)
                .toString())
        .isEqualTo("[[agent], [credential], [environment], [session], [vault]]");
  }

  @Test
  void claims_areFairAcrossWorkspaces_andNeverShared() throws Exception {
    f.sql(
        "update runs set next_due_at = null where next_due_at is not null and lease_owner is null");
    UUID busy = f.workspace();
    UUID a = f.workspace();
    UUID b = f.workspace();
    for (int i = 0; i < 6; i++) {
      f.run(busy, "{}");
    }
    UUID ra = f.run(a, "{}");
    UUID rb = f.run(b, "{}");
    List<UUID> first = new RunClaimer(f.ds).claim("fair-1", 3, Duration.ofSeconds(30));
    assertThat(first).contains(ra, rb).hasSize(3);
    // The busy workspace's cap is 2: one more of its runs at most, however many are due.
    List<UUID> second = new RunClaimer(f.ds).claim("fair-2", 10, Duration.ofSeconds(30));
    assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
    f.sql(
        "update runs set next_due_at = null, lease_owner = null, lease_expires_at = null, status = 'canceled', finished_at = now() where workspace_id in (?, ?, ?)",
        busy,
        a,
        b);
  }

  @Test
  void everyClaim_tellsWhetherItAdmitted_andHowLongAfterItWasDue() throws Exception {
    UUID run = f.run(f.workspace(), "{}");
    f.sql("update runs set next_due_at = now() - interval '3 seconds' where id = ?", run);
    f.claimOnly("w0", run); // makes every other run not due
    f.sql(
        "update runs set status = 'queued', lease_owner = null, lease_expires_at = null,"
            + " attempt_count = 0, next_due_at = now() - interval '3 seconds' where id = ?",
        run);
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    RunClaimer claimer =
        new RunClaimer(
            f.ds, (admission, lag) -> told.add(admission + ":" + (lag >= 3 && lag < 60)));
    assertThat(claimer.claim("w1", 10, Duration.ofSeconds(30))).containsExactly(run);
    // Its next look was due 4 s ago: a step of a live run, not an admission.
    f.sql(
        "update runs set lease_owner = null, lease_expires_at = null,"
            + " next_due_at = now() - interval '4 seconds' where id = ?",
        run);
    assertThat(claimer.claim("w1", 10, Duration.ofSeconds(30))).containsExactly(run);
    assertThat(told).containsExactly("true:true", "false:true");
    f.sql(
        "update runs set lease_owner = null, lease_expires_at = null, next_due_at = null,"
            + " status = 'canceled', finished_at = now() where id = ?",
        run);
  }

  @Test
  void createsWhoseAnswerIsLost_areFoundByTheirMarker_neverRepeated() throws Exception {
    // Each create is carried out by the provider, but the client never sees the answer: a dropped
    // connection (agent, session) or an answer after the client's timeout (environment).
    f.sim.loseAnswers("POST", "/v1/agents", 1, Duration.ZERO);
    f.sim.loseAnswers("POST", "/v1/environments", 1, Duration.ofMillis(2500));
    f.sim.loseAnswers("POST", "/v1/sessions", 1, Duration.ZERO);
    UUID run = f.run(f.workspace(), "{\"sim.step-ms\":\"5\"}");
    f.claimOnly("w1", run);
    ClaudeApi api = new ClaudeApi(f.sim.baseUri(), Duration.ofSeconds(1), 3, d -> {});
    RunDriver driver =
        new RunDriver(
            f.ds,
            api,
            (ws, r) -> java.util.Optional.ofNullable(f.bundles.get(r)),
            f.capture(api),
            new RunDriver.Settings(
                "w1",
                Duration.ofSeconds(30),
                Duration.ofMillis(20),
                Duration.ofMillis(50),
                3,
                Duration.ofMillis(10),
                Duration.ofMillis(100)));
    assertThat(f.drive(driver, f.ds, "w1", run)).isEqualTo(RunDriver.Outcome.FINISHED);
    assertThat(f.status(run)).isEqualTo("succeeded");
    for (String kind : List.of("agent", "environment", "session")) {
      assertThat(f.sim.live(kind, "antpath.run", run.toString())).as(kind).isEqualTo(1);
    }
    // Zero untracked: the journal holds exactly what exists on the provider.
    assertThat(
            f.rows("select kind, state from provider_resources where run_id = ? order by kind", run)
                .toString())
        .isEqualTo("[[agent, created], [environment, created], [session, created]]");
    // One turn: the prompt went with the session create, so it was not sent twice either.
    assertThat(
            f.one(
                "select count(*) from run_events where run_id = ? and type = 'user.message'", run))
        .isEqualTo(1L);
  }

  @Test
  void aKeyThatCannotBeAHeaderValue_failsTheRun_andNeverReachesTheLog() throws Exception {
    String key = "sk-ant-typographic\u2019apostrophe-CANARY";
    UUID run =
        f.run(
            f.workspace(),
            "{\"model\":\"claude-sonnet-4-5\"}",
            "{}",
            600,
            "{\"anthropicApiKey\":\"" + key + "\"}");
    java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            StringBuilder b = new StringBuilder(String.valueOf(r.getMessage()));
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
              b.append(' ').append(t);
            }
            logged.add(b.toString());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.addHandler(capture);
    try {
      f.claimAndDrive("w1", run);
    } finally {
      root.removeHandler(capture);
    }
    assertThat(
            f.rows("select status, failure_class, failure_code from runs where id = ?", run)
                .toString())
        .isEqualTo("[[failed, tenant_permanent, invalid_api_key]]");
    assertThat(String.join("\n", logged)).doesNotContain("CANARY");
    for (String table : List.of("runs", "run_attempts", "provider_resources")) {
      assertThat(f.rows("select t::text from " + table + " t").toString()).doesNotContain("CANARY");
    }
  }

  @Test
  void eventsAreReadIncrementally_eachPollFromTheLastStoredPage() throws Exception {
    // Events 250 ms apart and looks every 20-50 ms: the session is looked at while it works,
    // however slowly this machine runs the steps.
    UUID run = f.run(f.workspace(), "{\"sim.step-ms\":\"250\"}");
    f.claimOnly("w1", run);
    try (ClaudeSimulator.Recording rec = f.sim.record()) {
      f.drive("w1", run);
      // Every event stored once, though the session was looked at many times.
      long stored = (Long) f.one("select count(*) from run_events where run_id = ?", run);
      List<String> listings =
          rec.requests().stream()
              .map(ClaudeSimulator.Request::target)
              .filter(t -> t.matches(".*/events\\?limit=.*"))
              .toList();
      assertThat(listings).as("event listings").hasSizeGreaterThan(3);
      assertThat(
              f.one(
                  "select count(*) - count(distinct provider_event_id) from run_events where run_id = ?",
                  run))
          .isEqualTo(0L);
      assertThat(stored).isGreaterThanOrEqualTo(7);
      // The cursor stands at the end of what was read.
      assertThat(f.one("select events_seen from runs where id = ?", run)).isEqualTo((int) stored);
    }
  }
}
