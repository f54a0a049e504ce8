package io.antpath.st.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.antpath.sim.ClaudeSimulator;
import io.antpath.testkit.AntpathCluster;
import io.antpath.testkit.AntpathServer;
import io.antpath.testkit.PrivatePostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fault suite's stage, started once per test run and shared by its scenarios: a private
 * PostgreSQL (restartable, with few connection slots), the Claude API simulator answering after a
 * network-like latency (so steps hold their leases long enough to be interrupted), and a cluster of
 * two real antpath servers on a loopback data grid, with default worker settings. Each scenario
 * submits runs, does its damage, and then asks {@link #assertSettledCleanly} for the invariants.
 *
 * <p>Faults are observed, not trusted to the code under test: a trigger the fixture installs on
 * {@code runs} records every change into a terminal status, any change out of one, and every write
 * to a row whose lease had expired that is not a new claim (a write by a stale lease owner).
 */
public final class FaultCluster implements AutoCloseable {
  static final int INSTANCES = 2;
  private static final Duration SIM_LATENCY = Duration.ofMillis(60);

  final PrivatePostgres pg;
  final String adminDbUrl;
  final ClaudeSimulator sim;
  final AntpathCluster cluster;
  final String demoToken = token();
  final String otherToken = token();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger submitted = new AtomicInteger();
  private double baseline;

  /** Session files that cleanups reported they could not list (the storm's unlistable runs). */
  private final java.util.Set<String> acknowledged =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private FaultCluster() throws Exception {
    pg = PrivatePostgres.start(Path.of("target", "fault-pg"), 100);
    adminDbUrl = pg.createDatabase("antpath");
    try (Connection c = DriverManager.getConnection(adminDbUrl)) {
      // The application connects as an ordinary role: the superuser's reserved slots stay free
      // for the test, which can then fill every other slot (pool exhaustion).
      c.createStatement()
          .execute("create role antpath login; alter database antpath owner to antpath");
      c.createStatement().execute("grant all on schema public to antpath");
      // Another ordinary client, for the pool-exhaustion scenario.
      c.createStatement().execute("create role hog login");
    }
    sim = ClaudeSimulator.start(0);
    sim.latency(SIM_LATENCY);
    Map<String, String> env =
        new LinkedHashMap<>(
            AntpathServer.devSettings(
                "jdbc:postgresql://127.0.0.1:" + pg.port() + "/antpath?user=antpath"));
    env.put("ANTPATH_DEV_DEMO_PASSWORD", "demo-password-1");
    env.put("ANTPATH_DEV_DEMO_TOKEN", demoToken);
    env.put("ANTPATH_DEV_DEMO_OTHER_PASSWORD", "other-password-1");
    env.put("ANTPATH_DEV_DEMO_OTHER_TOKEN", otherToken);
    env.put("ANTPATH_WORKER_ENABLED", "true");
    env.put("ANTPATH_PROVIDER_BASE_URL", sim.baseUri().toString());
    // Shared output storage, as a cluster needs (any instance serves any run's downloads).
    env.put(
        "ANTPATH_STORAGE_DIR",
        Path.of("target", "fault-storage-" + UUID.randomUUID()).toAbsolutePath().toString());
    cluster = AntpathCluster.start(env, INSTANCES);
    installWatch();
  }

  /** Starts the stage: private PostgreSQL, simulator, {@link #INSTANCES} servers. */
  static FaultCluster start() throws Exception {
    return new FaultCluster();
  }

  @Override
  public void close() {
    FaultReport.write();
    cluster.close();
    sim.close();
    pg.close();
  }

  // --- observation -------------------------------------------------------------------------------

  private void installWatch() throws SQLException {
    sql(
        """
        create table fault_log (kind text not null, run_id uuid not null, owner text,
                                detail text, at timestamptz not null default clock_timestamp());
        create function fault_watch() returns trigger language plpgsql security definer as $$
        declare terminal text[] := array['succeeded', 'failed', 'timed_out', 'canceled'];
        begin
          if old.lease_owner is not null and old.lease_expires_at <= now()
             and not (new.lease_owner is not null and new.lease_expires_at > now()) then
            insert into fault_log (kind, run_id, owner, detail)
                 values ('stale_write', old.id, old.lease_owner, old.status || ' -> ' || new.status);
          end if;
          if not (old.status = any(terminal)) and new.status = any(terminal) then
            insert into fault_log (kind, run_id, owner, detail)
                 values ('terminal', old.id, old.lease_owner, new.status);
          end if;
          if old.status = any(terminal) and new.status is distinct from old.status then
            insert into fault_log (kind, run_id, owner, detail)
                 values ('terminal_left', old.id, old.lease_owner, old.status || ' -> ' || new.status);
          end if;
          return new;
        end $$;
        create trigger fault_watch before update on runs
           for each row execute function fault_watch();
        """);
  }

  void sql(String statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminDbUrl);
        Statement st = c.createStatement()) {
      st.execute(statements);
    }
  }

  long count(String query, Object... args) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminDbUrl);
        var st = c.prepareStatement(query)) {
      bind(c, st, args);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Binds {@code args} in order; a {@code UUID[]} as a PostgreSQL {@code uuid[]}. */
  static void bind(Connection c, java.sql.PreparedStatement st, Object... args)
      throws SQLException {
    for (int i = 0; i < args.length; i++) {
      st.setObject(i + 1, args[i] instanceof UUID[] ids ? c.createArrayOf("uuid", ids) : args[i]);
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(adminDbUrl);
  }

  /**
   * Opens connections as another ordinary role (not the superuser) until the server refuses one
   * ({@code too many clients}, SQLState 53300): then every slot an ordinary role may use is taken,
   * and the superuser's reserved slots stay free for this test's own queries.
   */
  void fillConnectionSlots(List<Connection> held) throws SQLException {
    String url = adminDbUrl.replace("user=postgres", "user=hog");
    for (int i = 0; i < 500; i++) {
      try {
        held.add(DriverManager.getConnection(url));
      } catch (SQLException refused) {
        if ("53300".equals(refused.getSQLState())) {
          return;
        }
        throw refused;
      }
    }
    throw new IllegalStateException("500 connections and still not refused");
  }

  // --- load --------------------------------------------------------------------------------------

  /**
   * Submits {@code n} runs spread over both demo workspaces and every live instance; each session
   * lasts about {@code stepMillis} × 6.
   */
  List<UUID> submit(int n, String label, int stepMillis) throws Exception {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(submitOne(label, stepMillis, Map.of()));
    }
    return ids;
  }

  UUID submitOne(String label, int stepMillis, Map<String, String> extraMetadata) throws Exception {
    int k = submitted.incrementAndGet();
    String token = k % 2 == 0 ? demoToken : otherToken;
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("sim.step-ms", Integer.toString(stepMillis));
    metadata.put("fault", label);
    metadata.putAll(extraMetadata);
    Map<String, Object> body =
        Map.of(
            "agent",
            Map.of("model", "claude-sonnet-4-5"),
            "input",
            "fault suite " + label,
            "metadata",
            metadata,
            "secrets",
            Map.of("anthropicApiKey", "sk-ant-faults-" + label));
    String payload = json.writeValueAsString(body);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      List<AntpathServer> live =
          cluster.instances().stream()
              .filter(s -> s.isAlive() && s.status("/health/live") == 200)
              .toList();
      assertThat(live).as("a live instance to submit to").isNotEmpty();
      AntpathServer target = live.get(k % live.size());
      HttpResponse<String> r;
      try {
        r =
            http.send(
                HttpRequest.newBuilder(target.baseUri().resolve("/api/v1/runs"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "fault-" + label + "-" + k)
                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        r = null; // the instance died under the request: the same key on another one
      }
      if (r != null && r.statusCode() == 201 || r != null && r.statusCode() == 200) {
        return UUID.fromString(json.readTree(r.body()).get("id").asText());
      }
      assertThat(System.nanoTime())
          .as("submission accepted in time; last answer " + (r == null ? "none" : r.body()))
          .isLessThan(deadline);
      Thread.sleep(r != null && r.statusCode() == 429 ? 1000 : 200);
    }
  }

  /** Waits until every run is terminal and its cleanup has ended (done or failed). */
  void awaitSettled(List<UUID> runs, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long open =
          count(
              "select count(*) from runs where id = any(?) and (status not in"
                  + " ('succeeded', 'failed', 'timed_out', 'canceled')"
                  + " or cleanup_status not in ('done', 'failed'))",
              (Object) uuids(runs));
      if (open == 0) {
        return;
      }
      assertThat(System.nanoTime())
          .as(
              open
                  + " of "
                  + runs.size()
                  + " runs not settled after "
                  + timeout
                  + ": "
                  + states(runs))
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  String states(List<UUID> runs) throws SQLException {
    try (Connection c = connect();
        var st =
            c.prepareStatement(
                "select status || '/' || cleanup_status || coalesce(' ' || failure_code, ''),"
                    + " count(*) from runs where id = any(?) group by 1 order by 1")) {
      bind(c, st, (Object) uuids(runs));
      StringBuilder out = new StringBuilder();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.append(rs.getString(1)).append('=').append(rs.getLong(2)).append(' ');
        }
      }
      return out.toString().trim();
    }
  }

  /**
   * The invariants every scenario ends with: each run terminal exactly once (and succeeded, unless
   * {@code allSucceed} is false), its cleanup done, no vault entry left, no provider resource
   * created twice or left behind, no write by a stale lease owner.
   */
  void assertSettledCleanly(String scenario, List<UUID> runs, boolean allSucceed) throws Exception {
    assertSettledCleanly(scenario, runs, allSucceed, List.of());
  }

  /**
   * As {@link #assertSettledCleanly(String, List, boolean)}, except for {@code unlistable}: runs
   * whose session's file listing the provider never answers readably. Their cleanup must end {@code
   * failed} naming the files it could not list (everything else deleted, the vault entry
   * destroyed), and their session files are the only provider resources allowed to remain.
   */
  void assertSettledCleanly(
      String scenario, List<UUID> runs, boolean allSucceed, List<UUID> unlistable)
      throws Exception {
    UUID[] ids = uuids(runs);
    assertThat(count("select count(*) from runs where id = any(?)", (Object) ids))
        .as("runs kept")
        .isEqualTo(runs.size());
    assertThat(
            count(
                "select count(*) from (select run_id from fault_log where kind = 'terminal'"
                    + " and run_id = any(?) group by run_id having count(*) = 1) t",
                (Object) ids))
        .as("runs that became terminal exactly once")
        .isEqualTo(runs.size());
    // Scoped to this scenario's runs: a scenario that failed before its own checks must not fail
    // the next one as well.
    assertThat(
            count(
                "select count(*) from fault_log where kind = 'terminal_left' and run_id = any(?)",
                (Object) ids))
        .as("terminal statuses changed again")
        .isZero();
    if (allSucceed) {
      assertThat(states(runs)).as("every run succeeded").isEqualTo("succeeded/done=" + runs.size());
    }
    assertThat(
            count(
                "select count(*) from runs where id = any(?) and cleanup_status <> 'done'"
                    + " and not id = any(?)",
                (Object) ids,
                (Object) uuids(unlistable)))
        .as("cleanups not done: " + states(runs))
        .isZero();
    assertThat(
            count(
                "select count(*) from runs where id = any(?) and cleanup_status = 'failed'"
                    + " and cleanup_error like 'the session''s files%'",
                (Object) uuids(unlistable)))
        .as("unlistable runs whose cleanup failed naming the session files")
        .isEqualTo(unlistable.size());
    assertThat(count("select count(*) from vault_entries")).as("vault entries left").isZero();
    assertThat(sim.duplicateCreates()).as("provider resources created twice").isEmpty();
    List<String> left = sim.leftovers().stream().filter(l -> !acknowledged.contains(l)).toList();
    assertThat(left)
        .as("provider resources left behind")
        .hasSizeLessThanOrEqualTo(unlistable.size())
        .allMatch(l -> l.startsWith("file "));
    // Reported by those runs' cleanup errors for an operator to delete: not counted again.
    acknowledged.addAll(left);
    assertThat(
            count(
                "select count(*) from fault_log where kind = 'stale_write' and run_id = any(?)",
                (Object) ids))
        .as("rows written by a stale lease owner: " + staleWrites())
        .isZero();
    FaultReport.invariants(scenario, runs.size(), states(runs));
  }

  private String staleWrites() throws SQLException {
    try (Connection c = connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select string_agg(run_id || ' ' || owner || ' ' || detail, '; ')"
                        + " from fault_log where kind = 'stale_write'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  // --- throughput --------------------------------------------------------------------------------

  private static final int BATCH = 16;

  /** Runs per second of a batch of {@link #BATCH} short runs, submission to settled cleanup. */
  double throughput(String label) throws Exception {
    long t0 = System.nanoTime();
    List<UUID> runs = submit(BATCH, label, 50);
    awaitSettled(runs, Duration.ofSeconds(120));
    double perSecond = BATCH / ((System.nanoTime() - t0) / 1e9);
    assertSettledCleanly(label, runs, true);
    return perSecond;
  }

  /** Measures the healthy cluster's throughput once (the baseline the scenarios come back to). */
  synchronized double baseline() throws Exception {
    if (baseline == 0) {
      throughput("warm-up");
      baseline = Math.max(throughput("baseline-1"), throughput("baseline-2"));
      FaultReport.line("baseline throughput: %.2f runs/s (batches of %d)", baseline, BATCH);
    }
    return baseline;
  }

  /**
   * After a fault: throughput is back to at least 95 % of the baseline within three batches (the
   * machine is shared; one slow batch says little, three do).
   */
  void assertThroughputRecovered(String scenario) throws Exception {
    double base = baseline();
    double best = 0;
    for (int i = 1; i <= 3 && best < 0.95 * base; i++) {
      best = Math.max(best, throughput(scenario + "-throughput-" + i));
    }
    FaultReport.throughput(scenario, best, base);
    assertThat(best)
        .as("throughput after " + scenario + " vs baseline " + base)
        .isGreaterThanOrEqualTo(0.95 * base);
  }

  // --- instances ---------------------------------------------------------------------------------

  /** Waits until instance {@code i}'s worker holds the lease of at least one run mid-step. */
  List<UUID> awaitLeasesHeldBy(String workerId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<UUID> held = new ArrayList<>();
      try (Connection c = connect();
          var st =
              c.prepareStatement(
                  "select id from runs where lease_owner = ? and lease_expires_at > now()")) {
        st.setString(1, workerId);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            held.add(rs.getObject(1, UUID.class));
          }
        }
      }
      if (!held.isEmpty()) {
        return held;
      }
      assertThat(System.nanoTime()).as(workerId + " holds a lease").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** The runs whose lease {@code worker} holds now, with their row versions. */
  Map<UUID, Long> leases(String worker) throws SQLException {
    Map<UUID, Long> held = new LinkedHashMap<>();
    try (Connection c = connect();
        var st = c.prepareStatement("select id, version from runs where lease_owner = ?")) {
      st.setString(1, worker);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          held.put(rs.getObject(1, UUID.class), rs.getLong(2));
        }
      }
    }
    return held;
  }

  /**
   * Measures, for every run of {@code leases} (held by {@code deadWorker} at the fault), how long
   * after {@code faultAtNanos} another instance took its next step (its row written by another
   * owner); waits for all of them.
   */
  void measureRecovery(
      String scenario,
      String deadWorker,
      Map<UUID, Long> leases,
      long faultAtNanos,
      Duration timeout)
      throws Exception {
    Map<UUID, Long> held = new LinkedHashMap<>(leases);
    long deadline = faultAtNanos + timeout.toNanos();
    while (!held.isEmpty()) {
      try (Connection c = connect();
          var st =
              c.prepareStatement("select id, version, lease_owner from runs where id = any(?)")) {
        bind(c, st, (Object) uuids(List.copyOf(held.keySet())));
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            UUID id = rs.getObject(1, UUID.class);
            if (rs.getLong(2) > held.get(id) && !deadWorker.equals(rs.getString(3))) {
              held.remove(id);
              FaultReport.recovered(scenario, Duration.ofNanos(System.nanoTime() - faultAtNanos));
            }
          }
        }
      }
      assertThat(System.nanoTime())
          .as(held.size() + " runs of " + deadWorker + " not resumed within " + timeout)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /**
   * Waits until {@code run} is held (live lease) by one of the instances while {@code condition}
   * (SQL on the run's row {@code r}) holds; returns that instance's index.
   */
  int awaitLeaseWhere(UUID run, String condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Connection c = connect();
          var st =
              c.prepareStatement(
                  "select r.lease_owner from runs r where r.id = ? and r.lease_owner is not null"
                      + " and r.lease_expires_at > now() and "
                      + condition)) {
        st.setObject(1, run);
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next()) {
            String owner = rs.getString(1);
            for (int i = 0; i < cluster.size(); i++) {
              if (owner.equals(cluster.instance(i).workerId().orElse(null))) {
                return i;
              }
            }
          }
        }
      }
      assertThat(System.nanoTime())
          .as("run " + run + " leased where " + condition + ": " + states(List.of(run)))
          .isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  String workerId(int i) {
    return cluster.instance(i).workerId().orElseThrow();
  }

  static UUID[] uuids(List<UUID> runs) {
    return runs.toArray(UUID[]::new);
  }

  private static String token() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return "apt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
