package io.antpath.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;

/**
 * A fresh PostgreSQL database, created on the test server and dropped on {@link #close()}. The
 * server is reached through an admin URL: system property {@code antpath.test.pg.admin-url}, env
 * {@code ANTPATH_TEST_PG_ADMIN_URL}, or the local trust-auth server at 127.0.0.1:5432.
 */
public final class TestDatabase implements AutoCloseable {
  private static final String PREFIX = "antpath_t_";
  private static final Duration STALE_AFTER = Duration.ofHours(6);
  private static final AtomicBoolean SWEPT = new AtomicBoolean();
  private static final String DEFAULT_ADMIN_URL =
      "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  private final String name;
  private final String url;

  private TestDatabase(String name) {
    this.name = name;
    this.url = withDatabase(adminUrl(), name);
  }

  /** Creates an empty database named after {@code purpose} plus a random suffix. */
  public static TestDatabase create(String purpose) {
    dropStaleDatabases();
    String slug = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    // The creation time is part of the name, so databases that a killed test run left behind can be
    // recognised and dropped later (PostgreSQL does not record when a database was created).
    String name =
        PREFIX
            + Long.toString(Instant.now().getEpochSecond(), 36)
            + "_"
            + slug.substring(0, Math.min(30, slug.length()))
            + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    admin("create database " + name);
    return new TestDatabase(name);
  }

  /** Creates a database and applies antpath's migrations (found on the test class path). */
  public static TestDatabase migrated(String purpose) {
    TestDatabase db = create(purpose);
    db.flyway().migrate();
    return db;
  }

  public Flyway flyway() {
    return Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .load();
  }

  public String name() {
    return name;
  }

  /** JDBC URL with credentials, as antpath.db.url accepts it. */
  public String url() {
    return url;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public void close() {
    admin("drop database if exists " + name + " with (force)");
  }

  /** Once per JVM: drops test databases older than {@link #STALE_AFTER} (left by killed runs). */
  private static void dropStaleDatabases() {
    if (!SWEPT.compareAndSet(false, true)) {
      return;
    }
    List<String> stale = new ArrayList<>();
    long cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
    try (Connection c = DriverManager.getConnection(adminUrl());
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select datname from pg_database where datname like 'antpath\\_t\\_%'")) {
      while (rs.next()) {
        String[] parts = rs.getString(1).substring(PREFIX.length()).split("_", 2);
        try {
          if (Long.parseLong(parts[0], 36) < cutoff) {
            stale.add(rs.getString(1));
          }
        } catch (NumberFormatException ignored) {
          // Not a name this class made.
        }
      }
    } catch (SQLException e) {
      return;
    }
    stale.forEach(name -> admin("drop database if exists " + name + " with (force)"));
  }

  public static String adminUrl() {
    String url = System.getProperty("antpath.test.pg.admin-url");
    if (url == null || url.isBlank()) {
      url = System.getenv("ANTPATH_TEST_PG_ADMIN_URL");
    }
    return url == null || url.isBlank() ? DEFAULT_ADMIN_URL : url;
  }

  /** The admin URL with its database replaced (query parameters kept). */
  static String withDatabase(String adminUrl, String database) {
    int query = adminUrl.indexOf('?');
    String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
    String params = query < 0 ? "" : adminUrl.substring(query);
    int slash = base.indexOf('/', "jdbc:postgresql://".length());
    return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + params;
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection(adminUrl());
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "test PostgreSQL at "
              + adminUrl().replaceAll("password=[^&]*", "password=***")
              + " refused: "
              + e.getMessage()
              + " (start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)",
          e);
    }
  }
}
