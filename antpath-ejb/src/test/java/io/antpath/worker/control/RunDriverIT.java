package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.provider.control.ClaudeApi;
import io.antpath.sim.ClaudeSimulator;
import io.antpath.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The driver and the claim query against PostgreSQL and the Claude API simulator. */
class RunDriverIT {
  private static final String KEY = "sk-ant-driver-CANARY-";
  private static TestDatabase db;
  private static PGSimpleDataSource ds;
  private static ClaudeSimulator sim;
  private static UUID user;
  private static final Map<UUID, byte[]> bundles = new ConcurrentHashMap<>();
  private static final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.migrated("driver");
    ds = new PGSimpleDataSource();
    ds.setURL(db.url());
    sim = ClaudeSimulator.start(0);
    user = UUID.randomUUID();
    sql("insert into app_users (id, email) values (?, ?)", user, user + "@example.com");
  }

  @AfterAll
  static void stop() {
    sim.close();
    db.close();
  }

  private static void sql(String sql, Object... args) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.execute();
    }
  }

  private static List<List<Object>> rows(String sql, Object... args) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<List<Object>> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.add(rs.getObject(i));
          }
          out.add(row);
        }
      }
      return out;
    }
  }

  private static Object one(String sql, Object... args) throws SQLException {
    return rows(sql, args).get(0).get(0);
  }

  private static UUID workspace() throws SQLException {
    UUID ws = UUID.randomUUID();
    sql(
        "insert into workspaces (id, slug, name, created_by_user_id) values (?, ?, 'w', ?)",
        ws,
        "w-" + ws.toString().substring(0, 8),
        user);
    return ws;
  }

  private static UUID run(UUID ws, String agentJson, String metadata, int timeout, String secrets)
      throws SQLException {
    UUID id = UUID.randomUUID();
    sql(
        "insert into runs (id, workspace_id, created_by_user_id, request_hash, spec, metadata, timeout_seconds, tier,"
            + " cap_max_concurrent_runs, cap_storage_bytes, cap_output_safety_bytes, cap_max_timeout_seconds, next_due_at)"
            + " values (?, ?, ?, sha256(?::bytea), ?::jsonb, ?::jsonb, ?, 'standard', 2, 1000000, 1000000, 3600, now())",
        id,
        ws,
        user,
        id.toString(),
        "{\"agent\":" + agentJson + ",\"input\":\"Write hello.txt\"}",
        metadata,
        timeout);
    bundles.put(id, secrets.getBytes(StandardCharsets.UTF_8));
    return id;
  }

  private static UUID run(UUID ws, String metadata) throws SQLException {
    return run(
        ws,
        "{\"model\":\"claude-sonnet-4-5\"}",
        metadata,
        600,
        "{\"anthropicApiKey\":\"" + KEY + UUID.randomUUID() + "\"}");
  }

  private static RunDriver driver(String worker) {
    return new RunDriver(
        ds,
        new ClaudeApi(sim.baseUri(), Duration.ofSeconds(10), 4, sleeps::add),
        (ws, r) -> Optional.ofNullable(bundles.get(r)),
        new RunDriver.Settings(
            worker, Duration.ofSeconds(30), Duration.ofMillis(20), 3, Duration.ofMillis(10)));
  }

  /** Claims exactly this run for {@code worker}: every other due run is made not due first. */
  private static void claimOnly(String worker, UUID run) throws SQLException {
    sql(
        "update runs set next_due_at = null where id <> ? and next_due_at is not null and lease_owner is null and status in ('queued','starting','running')",
        run);
    assertThat(new RunClaimer(ds).claim(worker, 10, Duration.ofSeconds(30))).containsExactly(run);
  }

  private static void claimAndDrive(String worker, UUID run) throws SQLException {
    claimOnly(worker, run);
    driver(worker).drive(run);
  }

  private static String status(UUID run) throws SQLException {
    return (String) one("select status from runs where id = ?", run);
  }

  @Test
  void success_goesThroughStartingAndRunning_toSucceeded_withRedactedEventsAndUsage()
      throws Exception {
    UUID run =
        run(workspace(), "{\"sim.scenario\":\"success\",\"sim.step-ms\":\"5\",\"team\":\"blue\"}");
    claimAndDrive("w1", run);
    assertThat(
            rows(
                    "select status, cleanup_status, lease_owner, started_at is not null, next_due_at is not null from runs where id = ?",
                    run)
                .toString())
        .isEqualTo("[[succeeded, pending, null, true, true]]");
    assertThat(
            rows("select kind, state from provider_resources where run_id = ? order by kind", run)
                .toString())
        .isEqualTo("[[agent, created], [environment, created], [session, created]]");
    String events =
        rows("select type, data::text from run_events where run_id = ? order by id", run)
            .toString();
    assertThat(events)
        .contains("session.status_idle", "end_turn", "agent.message", "textBytes", "write");
    assertThat(events).doesNotContain("Working on it").doesNotContain("Write hello.txt");
    assertThat(
            rows(
                    "select input_tokens, output_tokens, model from usage_ledger where run_id = ?",
                    run)
                .toString())
        .isEqualTo("[[1200, 340, claude-sonnet-4-5]]");
    assertThat(one("select outcome from run_attempts where run_id = ?", run))
        .isEqualTo("succeeded");
    String session = sim.sessionIdsWithMetadata("antpath.run", run.toString()).get(0);
    assertThat(sim.sessionIdsWithMetadata("team", "blue")).contains(session);
    // The key is nowhere in the database.
    for (String table :
        List.of("runs", "run_events", "run_attempts", "provider_resources", "usage_ledger")) {
      assertThat(rows("select t::text from " + table + " t").toString()).doesNotContain(KEY);
    }
  }

  @Test
  void failingTurn_failsTheRunAsProviderPermanent() throws Exception {
    UUID run = run(workspace(), "{\"sim.scenario\":\"fail\",\"sim.step-ms\":\"5\"}");
    claimAndDrive("w1", run);
    assertThat(
            rows("select status, failure_class, failure_code from runs where id = ?", run)
                .toString())
        .isEqualTo("[[failed, provider_permanent, session_failed]]");
  }

  @Test
  void revokedKey_failsTheRunAsTenantPermanent_withoutRetrying() throws Exception {
    UUID run = run(workspace(), "{\"sim.scenario\":\"revoke-key\",\"sim.step-ms\":\"5\"}");
    claimAndDrive("w1", run);
    assertThat(
            rows(
                    "select status, failure_class, failure_code, attempt_count from runs where id = ?",
                    run)
                .toString())
        .isEqualTo("[[failed, tenant_permanent, provider_authentication_error, 1]]");
    assertThat((String) one("select failure_message from runs where id = ?", run))
        .doesNotContain("sk-ant");
  }

  @Test
  void rateLimitsAndServerErrors_areRetried_andTheRunSucceeds() throws Exception {
    for (String scenario : List.of("rate-limit", "server-errors", "drop-connections")) {
      sleeps.clear();
      UUID run = run(workspace(), "{\"sim.scenario\":\"" + scenario + "\",\"sim.step-ms\":\"5\"}");
      claimAndDrive("w1", run);
      assertThat(status(run)).as(scenario).isEqualTo("succeeded");
      assertThat(sleeps).as(scenario).isNotEmpty();
      if (scenario.equals("rate-limit")) {
        assertThat(sleeps).contains(Duration.ofSeconds(1));
      }
    }
  }

  @Test
  void cancellation_interruptsTheSession_andTimeoutEndsAsTimedOut() throws Exception {
    UUID ws = workspace();
    UUID canceled = run(ws, "{\"sim.scenario\":\"slow\",\"sim.step-ms\":\"5\"}");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    claimOnly("w1", canceled);
    Future<?> f = pool.submit(() -> driver("w1").drive(canceled));
    Thread.sleep(300);
    assertThat(status(canceled)).isEqualTo("running");
    sql("update runs set cancel_requested_at = now() where id = ?", canceled);
    f.get();
    assertThat(status(canceled)).isEqualTo("canceled");
    String session = sim.sessionIdsWithMetadata("antpath.run", canceled.toString()).get(0);
    assertThat(
            rows("select type from run_events where run_id = ? order by id", canceled).toString())
        .contains("session.status_running");
    assertThat(session).startsWith("sesn_");

    UUID slow =
        run(
            ws,
            "{\"model\":\"claude-sonnet-4-5\"}",
            "{\"sim.scenario\":\"slow\"}",
            1,
            "{\"anthropicApiKey\":\"" + KEY + UUID.randomUUID() + "\"}");
    claimAndDrive("w1", slow);
    assertThat(rows("select status, failure_code from runs where id = ?", slow).toString())
        .isEqualTo("[[timed_out, timed_out]]");
    pool.shutdown();
  }

  @Test
  void aWorkerThatLostItsLease_stopsWithoutWriting() throws Exception {
    UUID run = run(workspace(), "{\"sim.scenario\":\"slow\",\"sim.step-ms\":\"5\"}");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    claimOnly("w1", run);
    Future<?> f = pool.submit(() -> driver("w1").drive(run));
    Thread.sleep(300);
    sql("update runs set lease_owner = 'w2' where id = ?", run);
    f.get();
    assertThat(rows("select status, lease_owner from runs where id = ?", run).toString())
        .isEqualTo("[[running, w2]]");
    assertThat(one("select outcome from run_attempts where run_id = ?", run)).isEqualTo("lost");
    pool.shutdown();
  }

  @Test
  void mcpCredentials_becomeAClaudeVaultAndCredential_andTheAgentDeclaresTheServer()
      throws Exception {
    long vaults = sim.count("vault", true);
    UUID run =
        run(
            workspace(),
            "{\"model\":\"claude-sonnet-4-5\",\"mcpServers\":[{\"name\":\"docs\",\"url\":\"https://mcp.example.com/mcp\"}]}",
            "{\"sim.step-ms\":\"5\"}",
            600,
            "{\"anthropicApiKey\":\""
                + KEY
                + UUID.randomUUID()
                + "\",\"mcpCredentials\":{\"docs\":{\"type\":\"bearer\",\"token\":\"mcp-CANARY\"}}}");
    claimAndDrive("w1", run);
    assertThat(status(run)).isEqualTo("succeeded");
    assertThat(sim.count("vault", true)).isEqualTo(vaults + 1);
    assertThat(
            rows("select kind from provider_resources where run_id = ? order by kind", run)
                .toString())
        .isEqualTo("[[agent], [credential], [environment], [session], [vault]]");
  }

  @Test
  void claims_areFairAcrossWorkspaces_andNeverShared() throws Exception {
    sql("update runs set next_due_at = null where next_due_at is not null and lease_owner is null");
    UUID busy = workspace();
    UUID a = workspace();
    UUID b = workspace();
    for (int i = 0; i < 6; i++) {
      run(busy, "{}");
    }
    UUID ra = run(a, "{}");
    UUID rb = run(b, "{}");
    List<UUID> first = new RunClaimer(ds).claim("fair-1", 3, Duration.ofSeconds(30));
    assertThat(first).contains(ra, rb).hasSize(3);
    // The busy workspace's cap is 2: one more of its runs at most, however many are due.
    List<UUID> second = new RunClaimer(ds).claim("fair-2", 10, Duration.ofSeconds(30));
    assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
    sql(
        "update runs set next_due_at = null, lease_owner = null, lease_expires_at = null, status = 'canceled', finished_at = now() where workspace_id in (?, ?, ?)",
        busy,
        a,
        b);
  }
}
