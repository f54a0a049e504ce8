package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.capture.control.FilesystemStorage;
import io.antpath.capture.control.OutputCapture;
import io.antpath.cleanup.control.RunCleaner;
import io.antpath.provider.control.ClaudeApi;
import io.antpath.sim.ClaudeSimulator;
import io.antpath.testkit.TestDatabase;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.ConnectionEvent;
import javax.sql.ConnectionEventListener;
import javax.sql.DataSource;
import javax.sql.PooledConnection;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migrated database, the Claude API simulator and the in-memory secrets of the runs a test
 * inserts: what the worker tests drive runs against.
 */
final class WorkerFixture implements AutoCloseable {
  static final String KEY = "sk-ant-driver-CANARY-";

  final TestDatabase db;
  final PGSimpleDataSource ds;
  final DataSource pooled;
  final ClaudeSimulator sim;
  final UUID user;
  final Map<UUID, byte[]> bundles = new ConcurrentHashMap<>();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final Path storage;

  WorkerFixture(String purpose) throws Exception {
    db = TestDatabase.migrated(purpose);
    ds = new PGSimpleDataSource();
    ds.setURL(db.url());
    pooled = pooled(db.url());
    sim = ClaudeSimulator.start(0);
    storage = Files.createTempDirectory("antpath-storage");
    user = UUID.randomUUID();
    sql("insert into app_users (id, email) values (?, ?)", user, user + "@example.com");
  }

  @Override
  public void close() {
    sim.close();
    db.close();
    try (var files = Files.walk(storage)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temporary folder: the OS cleans up what is left
    }
  }

  void sql(String sql, Object... args) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.execute();
    }
  }

  List<List<Object>> rows(String sql, Object... args) throws SQLException {
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

  Object one(String sql, Object... args) throws SQLException {
    return rows(sql, args).get(0).get(0);
  }

  UUID workspace() throws SQLException {
    UUID ws = UUID.randomUUID();
    sql(
        "insert into workspaces (id, slug, name, created_by_user_id) values (?, ?, 'w', ?)",
        ws,
        "w-" + ws.toString().substring(0, 8),
        user);
    return ws;
  }

  UUID run(UUID ws, String agentJson, String metadata, int timeout, String secrets)
      throws SQLException {
    return run(ws, agentJson, metadata, timeout, secrets, 2);
  }

  UUID run(
      UUID ws, String agentJson, String metadata, int timeout, String secrets, int concurrencyCap)
      throws SQLException {
    UUID id = UUID.randomUUID();
    sql(
        "insert into runs (id, workspace_id, created_by_user_id, request_hash, spec, metadata, timeout_seconds, tier,"
            + " cap_max_concurrent_runs, cap_storage_bytes, cap_output_safety_bytes, cap_max_timeout_seconds, next_due_at)"
            + " values (?, ?, ?, sha256(?::bytea), ?::jsonb, ?::jsonb, ?, 'standard', ?, 1000000, 1000000, 3600, now())",
        id,
        ws,
        user,
        id.toString(),
        "{\"agent\":" + agentJson + ",\"input\":\"Write hello.txt\"}",
        metadata,
        timeout,
        concurrencyCap);
    bundles.put(id, secrets.getBytes(StandardCharsets.UTF_8));
    return id;
  }

  UUID run(UUID ws, String metadata) throws SQLException {
    return run(ws, "{\"model\":\"claude-sonnet-4-5\"}", metadata, 600, secrets());
  }

  /** A secrets bundle with a fresh simulator key. */
  static String secrets() {
    return "{\"anthropicApiKey\":\"" + KEY + UUID.randomUUID() + "\"}";
  }

  /** A run whose agent declares MCP server "docs", with a bearer {@code token} for it. */
  UUID mcpRun(UUID ws, String token) throws SQLException {
    return run(
        ws,
        "{\"model\":\"claude-sonnet-4-5\",\"mcpServers\":[{\"name\":\"docs\",\"url\":\"https://mcp.example.com/mcp\"}]}",
        "{\"sim.step-ms\":\"5\"}",
        600,
        "{\"anthropicApiKey\":\""
            + KEY
            + UUID.randomUUID()
            + "\",\"mcpCredentials\":{\"docs\":{\"type\":\"bearer\",\"token\":\""
            + token
            + "\"}}}");
  }

  RunDriver driver(String worker) {
    return driver(worker, pooled, Duration.ofSeconds(30));
  }

  /**
   * Reuses connections, as the server's pool does: a new PostgreSQL connection per statement costs
   * a process on the server and made 500 runs CPU-bound on a two-core machine.
   */
  private static DataSource pooled(String url) {
    PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
    source.setURL(url);
    BlockingQueue<PooledConnection> idle = new LinkedBlockingQueue<>();
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("getConnection") || args != null) {
                throw new UnsupportedOperationException(method.getName());
              }
              PooledConnection pc = idle.poll();
              if (pc == null) {
                PooledConnection created = source.getPooledConnection();
                created.addConnectionEventListener(
                    new ConnectionEventListener() {
                      @Override
                      public void connectionClosed(ConnectionEvent event) {
                        idle.add(created);
                      }

                      @Override
                      public void connectionErrorOccurred(ConnectionEvent event) {
                        try {
                          created.close();
                        } catch (SQLException ignored) {
                          // dropped either way
                        }
                      }
                    });
                pc = created;
              }
              return pc.getConnection();
            });
  }

  RunDriver driver(String worker, DataSource dataSource, Duration lease) {
    ClaudeApi api = new ClaudeApi(sim.baseUri(), Duration.ofSeconds(10), 4, sleeps::add);
    return new RunDriver(
        dataSource,
        api,
        (ws, r) -> Optional.ofNullable(bundles.get(r)),
        capture(api),
        new RunDriver.Settings(
            worker,
            lease,
            Duration.ofMillis(20),
            Duration.ofMillis(50),
            3,
            Duration.ofMillis(10),
            Duration.ofMillis(100)));
  }

  /**
   * Drives a run that {@code worker} has claimed through its steps, claiming each next step when it
   * is due, as the worker loop does; returns when the run is terminal or the worker lost it.
   */
  RunDriver.Outcome drive(RunDriver driver, DataSource dataSource, String worker, UUID run)
      throws SQLException {
    RunClaimer claimer = new RunClaimer(dataSource);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      RunDriver.Outcome o = driver.step(run);
      if (o != RunDriver.Outcome.WAITING) {
        return o;
      }
      while (!claimer.claimRun(worker, run, Duration.ofSeconds(30))) {
        if (one("select lease_owner from runs where id = ?", run) != null) {
          return RunDriver.Outcome.LOST; // another worker holds it
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "run "
                  + run
                  + " not due again in time: "
                  + rows(
                      "select status, lease_owner, next_due_at, now(), attempt_count, cleanup_status from runs where id = ?",
                      run));
        }
        pause(5);
      }
    }
  }

  RunDriver.Outcome drive(String worker, UUID run) throws SQLException {
    return drive(driver(worker), ds, worker, run);
  }

  /** Waits a little between two checks of a condition (never used as the condition itself). */
  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Vault entries destroyed, per run (the fixture's vault is the {@code bundles} map). */
  final Map<UUID, Integer> destroyed = new ConcurrentHashMap<>();

  RunCleaner cleaner(String worker, URI providerBase, int maxAttempts) {
    ClaudeApi api = new ClaudeApi(providerBase, Duration.ofSeconds(5), 1, sleeps::add);
    return new RunCleaner(
        pooled,
        api,
        (ws, r) -> Optional.ofNullable(bundles.get(r)),
        (ws, r) -> {
          boolean was = bundles.remove(r) != null;
          if (was) {
            destroyed.merge(r, 1, Integer::sum);
          }
          return was;
        },
        capture(api),
        new FilesystemStorage(storage),
        new RunCleaner.Settings(
            worker, Duration.ofSeconds(30), maxAttempts, Duration.ZERO, Duration.ZERO, false));
  }

  RunCleaner cleaner(String worker) {
    return cleaner(worker, sim.baseUri(), 3);
  }

  /** Claims exactly this run's cleanup and runs it. */
  void cleanOnly(RunCleaner cleaner, UUID run) throws SQLException {
    sql(
        "update runs set next_due_at = null where id <> ? and next_due_at is not null and lease_owner is null and status in ('succeeded','failed','timed_out','canceled')",
        run);
    assertThat(cleaner.claim(10)).containsExactly(run);
    cleaner.clean(run);
  }

  /** Output capture into this fixture's storage folder, without waiting on empty listings. */
  OutputCapture capture(ClaudeApi api) {
    return new OutputCapture(
        pooled, api, new FilesystemStorage(storage), new OutputCapture.Settings(0, Duration.ZERO));
  }

  /** Claims exactly this run for {@code worker}: every other due run is made not due first. */
  void claimOnly(String worker, UUID run) throws SQLException {
    sql(
        "update runs set next_due_at = null where id <> ? and next_due_at is not null and lease_owner is null and status in ('queued','starting','running')",
        run);
    assertThat(new RunClaimer(ds).claim(worker, 10, Duration.ofSeconds(30))).containsExactly(run);
  }

  void claimAndDrive(String worker, UUID run) throws SQLException {
    claimOnly(worker, run);
    drive(worker, run);
  }

  String status(UUID run) throws SQLException {
    return (String) one("select status from runs where id = ?", run);
  }
}
