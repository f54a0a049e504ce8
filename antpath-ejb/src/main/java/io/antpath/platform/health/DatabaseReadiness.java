package io.antpath.platform.health;

import io.antpath.platform.PlatformStartup;
import io.antpath.platform.db.SchemaMigrator;
import io.antpath.platform.db.SchemaMigrator.SchemaState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when start-up completed, the database answers, and its schema is the version this
 * build migrated to. A load balancer stops sending traffic while the database is away.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  @Inject PlatformStartup startup;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
    Optional<SchemaState> schema;
    try {
      schema = startup.schema();
    } catch (RuntimeException e) {
      // Probed while the start-up bean is still initializing (the container refuses calls until
      // then).
      return response.down().withData("reason", "start-up in progress").build();
    }
    if (schema.isEmpty()) {
      return response.down().withData("reason", "start-up has not completed").build();
    }
    String expected = schema.get().version();
    response.withData("expectedSchemaVersion", expected);
    try (Connection c = startup.dataSource().getConnection()) {
      if (!c.isValid(VALIDATION_TIMEOUT_SECONDS)) {
        return response.down().withData("reason", "database did not answer").build();
      }
      Optional<String> applied = SchemaMigrator.appliedVersion(c);
      response.withData("schemaVersion", applied.orElse("none"));
      return applied.filter(expected::equals).isPresent()
          ? response.up().build()
          : response.down().withData("reason", "schema is not at the expected version").build();
    } catch (SQLException e) {
      // The SQL state says enough; driver messages may name hosts and users.
      return response
          .down()
          .withData("reason", "database unreachable (SQLState " + e.getSQLState() + ")")
          .build();
    }
  }
}
