package io.antpath.platform;

import io.antpath.platform.config.ConfigCheck;
import io.antpath.platform.config.ConfigProblem;
import io.antpath.platform.config.Setting;
import io.antpath.platform.config.StartupExit;
import io.antpath.platform.db.SchemaMigrator;
import io.antpath.platform.db.SchemaMigrator.SchemaState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Start-up gate of the application: checks the configuration, then brings the schema to this
 * build's version. Either failure stops the deployment with one clear log line per problem (and,
 * where the server runs only antpath, the process: {@code antpath.startup.exit-on-failure}).
 *
 * <p>Also defines the application's JTA data source (application-scoped, so the same archive runs
 * on Payara Micro and Payara Server without server-side pool setup).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
@DataSourceDefinition(
    name = PlatformStartup.DATA_SOURCE,
    className = "io.antpath.platform.db.ConfiguredDataSource",
    minPoolSize = 0,
    initialPoolSize = 0,
    maxPoolSize = 32,
    maxIdleTime = 300,
    properties = {
      // Validate a pooled connection before handing it out and drop the whole pool when one is
      // found
      // broken: after a database restart every pooled connection is dead.
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
      "fish.payara.fail-all-connections=true"
    })
public class PlatformStartup {
  public static final String DATA_SOURCE = "java:app/jdbc/antpath";
  private static final Logger LOG = Logger.getLogger(PlatformStartup.class.getName());

  @Resource(lookup = DATA_SOURCE)
  private DataSource dataSource;

  @Inject private Config config;

  private volatile SchemaState schema;

  @PostConstruct
  void start() {
    try {
      checkConfiguration();
      SchemaMigrator migrator = new SchemaMigrator(dataSource);
      boolean migrate = config.getValue(Setting.DB_MIGRATE_ON_START.key(), Boolean.class);
      schema = migrate ? migrator.migrate() : migrator.validate();
      LOG.info(
          () ->
              "antpath started: mode "
                  + config.getValue(Setting.MODE.key(), String.class)
                  + ", schema version "
                  + schema.version()
                  + " ("
                  + schema.migrationsApplied()
                  + " migrations applied now)");
    } catch (RuntimeException e) {
      LOG.severe("antpath start-up failed: " + e.getMessage());
      LOG.log(Level.FINE, "start-up failure detail", e);
      StartupExit.ifConfigured(config);
      throw e;
    }
  }

  private void checkConfiguration() {
    List<ConfigProblem> problems =
        new ConfigCheck(key -> config.getOptionalValue(key, String.class)).problems();
    if (!problems.isEmpty()) {
      problems.forEach(p -> LOG.severe(p.toString()));
      throw new IllegalStateException(
          problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
    }
  }

  /** The schema state once start-up succeeded; empty before that or after a failed start. */
  public Optional<SchemaState> schema() {
    return Optional.ofNullable(schema);
  }

  /** The pooled application data source. */
  public DataSource dataSource() {
    return dataSource;
  }
}
