package io.antpath.platform.db;

import io.antpath.platform.config.Setting;
import io.antpath.platform.db.SchemaMigrator.SchemaException;
import io.antpath.platform.db.SchemaMigrator.SchemaState;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The operators' migration command ({@code bin/migrate}): applies or checks the schema outside the
 * server, for deployments that turn {@code antpath.db.migrate-on-start} off. Reads the same {@code
 * ANTPATH_DB_*} settings as the server (environment or {@code -D} system properties).
 *
 * <p>Exit status: 0 done, 1 the schema cannot be used, 2 wrong usage or configuration.
 */
public final class MigrateCommand {
  private MigrateCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String action = args.length == 0 ? "migrate" : args[0];
    if (args.length > 1 || !(action.equals("migrate") || action.equals("validate"))) {
      err.println(
          "usage: bin/migrate [migrate|validate]   (database from ANTPATH_DB_URL, ANTPATH_DB_USER, ANTPATH_DB_PASSWORD)");
      return 2;
    }
    Optional<String> url = value(Setting.DB_URL, env);
    if (url.isEmpty() || !url.get().startsWith("jdbc:postgresql://")) {
      err.println(
          "antpath configuration error: "
              + Setting.DB_URL.envVar()
              + " ("
              + Setting.DB_URL.key()
              + ") must be a PostgreSQL JDBC URL such as jdbc:postgresql://127.0.0.1:5432/antpath");
      return 2;
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url.get());
    ds.setConnectTimeout(10);
    value(Setting.DB_USER, env).ifPresent(ds::setUser);
    value(Setting.DB_PASSWORD, env).ifPresent(ds::setPassword);
    try {
      SchemaMigrator migrator = new SchemaMigrator(ds);
      SchemaState state = action.equals("migrate") ? migrator.migrate() : migrator.validate();
      out.println(
          "antpath schema "
              + action
              + ": version "
              + state.version()
              + " ("
              + state.migrationsApplied()
              + " migrations applied)");
      return 0;
    } catch (SchemaException e) {
      err.println("antpath schema " + action + " failed: " + e.getMessage());
      return 1;
    }
  }

  private static Optional<String> value(Setting setting, Map<String, String> env) {
    return Optional.ofNullable(System.getProperty(setting.key()))
        .or(() -> Optional.ofNullable(env.get(setting.envVar())))
        .filter(v -> !v.isBlank());
  }
}
