package io.antpath.platform.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema to the version this build knows, or refuses with one clear message: an
 * unreachable database, a PostgreSQL older than {@value #MIN_POSTGRES_MAJOR}, a schema newer than
 * the application, or a changed migration. Flyway holds a PostgreSQL advisory lock while migrating,
 * so several instances starting at once apply each migration exactly once.
 */
public final class SchemaMigrator {
  public static final int MIN_POSTGRES_MAJOR = 14;
  static final String LOCATION = "classpath:db/migration";

  private final DataSource dataSource;
  private final Flyway flyway;

  public SchemaMigrator(DataSource dataSource) {
    this.dataSource = dataSource;
    this.flyway =
        Flyway.configure(SchemaMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .locations(LOCATION)
            .failOnMissingLocations(true)
            .validateMigrationNaming(true)
            // An applied migration this build does not know means the database belongs to a newer
            // antpath: refuse rather than run old code against a new schema.
            .ignoreMigrationPatterns("")
            .cleanDisabled(true)
            .load();
  }

  /** Checks compatibility, then applies pending migrations. */
  public SchemaState migrate() {
    checkServerVersion();
    MigrateResult result = run("migrate", flyway::migrate);
    return new SchemaState(result.migrationsExecuted, latestKnownVersion());
  }

  /** Checks compatibility and that the schema is exactly current, without changing it. */
  public SchemaState validate() {
    checkServerVersion();
    run(
        "validate",
        () -> {
          flyway.validate();
          return null;
        });
    return new SchemaState(0, latestKnownVersion());
  }

  /** The newest migration version shipped in this build. */
  public String latestKnownVersion() {
    return Arrays.stream(flyway.info().all())
        .map(MigrationInfo::getVersion)
        .filter(v -> v != null)
        .max(Comparator.naturalOrder())
        .map(MigrationVersion::getVersion)
        .orElseThrow(() -> new SchemaException("no migrations found at " + LOCATION));
  }

  /** The newest successfully applied version in the database, or empty for an empty database. */
  public static Optional<String> appliedVersion(Connection connection) throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            "select version from flyway_schema_history where success and version is not null"
                + " order by installed_rank desc limit 1")) {
      st.setQueryTimeout(5);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private void checkServerVersion() {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      if (meta.getDatabaseMajorVersion() < MIN_POSTGRES_MAJOR) {
        throw new SchemaException(
            "PostgreSQL "
                + meta.getDatabaseProductVersion()
                + " is not supported; antpath needs "
                + MIN_POSTGRES_MAJOR
                + " or newer");
      }
    } catch (SQLException e) {
      throw new SchemaException("database unreachable: " + describe(e), e);
    }
  }

  private static <T> T run(String what, java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (org.flywaydb.core.api.FlywayException e) {
      throw new SchemaException("schema " + what + " failed: " + oneLine(e.getMessage()), e);
    }
  }

  private static String describe(SQLException e) {
    return firstLine(e.getMessage())
        + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String trimmed = message.strip();
    int nl = trimmed.indexOf('\n');
    return nl < 0 ? trimmed : trimmed.substring(0, nl).strip();
  }

  /**
   * Flyway puts the useful part (which migration, what changed) on later lines: keep it, on one
   * line.
   */
  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String flat = message.replaceAll("\\s*\\R\\s*", " | ").replaceAll("\\s+", " ").strip();
    return flat.length() <= 600 ? flat : flat.substring(0, 600) + "...";
  }

  /** What a migration run left behind. */
  public record SchemaState(int migrationsApplied, String version) {}

  /** The schema cannot be used by this build; the message is fit for an operator's log. */
  public static final class SchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SchemaException(String message) {
      super(message);
    }

    SchemaException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
