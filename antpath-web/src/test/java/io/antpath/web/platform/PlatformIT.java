package io.antpath.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.platform.PlatformStartup;
import io.antpath.platform.db.SchemaMigrator;
import io.antpath.testkit.Schema;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In the container: the real antpath.war on Payara Micro, with this test and a probe bean added.
 * Start-up migrated the schema, Hibernate persists through the JTA data source, and the container
 * rolls a failed transaction back.
 */
@ExtendWith(ArquillianExtension.class)
class PlatformIT {
  @Inject PlatformStartup startup;
  @Inject PersistenceProbe probe;

  @Deployment
  static WebArchive deployment() {
    return Deployments.antpathWith(PlatformIT.class);
  }

  @Test
  void startup_migratedTheSchemaToThisBuildsVersion() {
    assertThat(startup.schema()).isPresent();
    assertThat(startup.schema().get().version())
        .isEqualTo(new SchemaMigrator(startup.dataSource()).latestKnownVersion())
        .isNotBlank();
  }

  @Test
  void jtaPersistence_roundTripsThroughTheContainerDataSource() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    UUID ws =
        probe.createWorkspace("it-" + UUID.randomUUID().toString().substring(0, 8), null, now);
    probe.createUserOwning(ws, now);
    assertThat(probe.findWorkspaceBySlug("no-such-slug")).isEmpty();
    assertThat(probe.findWorkspace(ws))
        .get()
        .satisfies(w -> assertThat(w.getCreatedAt()).isEqualTo(now));
    assertThat(probe.memberships(ws)).isEqualTo(1);
  }

  @Test
  void failedTransaction_isRolledBack() {
    String slug = "it-doomed-" + UUID.randomUUID().toString().substring(0, 8);
    assertThatThrownBy(() -> probe.createWorkspaceThenFail(slug, Instant.now()))
        .hasRootCauseMessage("rolled back on purpose");
    assertThat(probe.findWorkspaceBySlug(slug)).isEmpty();
  }

  @Test
  @RunAsClient
  void readiness_isUpFromOutside(@ArquillianResource URL base) throws Exception {
    URI ready = base.toURI().resolve("/health/ready");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"schemaVersion\":\"" + Schema.latestVersion() + "\"");
  }
}
