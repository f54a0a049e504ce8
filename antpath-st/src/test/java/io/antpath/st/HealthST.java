package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.ServiceInfo;
import io.antpath.testkit.AntpathServer;
import io.antpath.testkit.Schema;
import io.antpath.testkit.TcpProxy;
import io.antpath.testkit.TestDatabase;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server on a fresh database: ready with the schema applied, and readiness follows the database
 * (cut away through a TCP proxy, then restored) while liveness does not.
 */
class HealthST {
  private static TestDatabase db;
  private static TcpProxy proxy;
  private static AntpathServer server;

  @BeforeAll
  static void startServerBehindADatabaseProxy() throws Exception {
    db = TestDatabase.create("st-health");
    proxy = new TcpProxy(URI.create(TestDatabase.adminUrl().substring("jdbc:".length())).getPort());
    String viaProxy = db.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
    server = AntpathServer.startReady(AntpathServer.devSettings(viaProxy));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    proxy.close();
    db.close();
  }

  @Test
  void readiness_reportsTheAppliedSchemaVersion() throws Exception {
    HttpResponse<String> ready = server.get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body())
        .contains("\"name\":\"database\"")
        .contains("\"schemaVersion\":\"" + Schema.latestVersion() + "\"");
    assertThat(server.log())
        .contains("antpath started: mode dev, schema version " + Schema.latestVersion());
  }

  @Test
  void sdk_readsServiceInfoWithSchemaVersion() {
    AntpathClient client = AntpathClient.builder().baseUrl(server.baseUri().toString()).build();
    ServiceInfo info = client.serviceInfo();
    assertThat(info.name()).isEqualTo("antpath");
    assertThat(info.apiVersion()).isEqualTo("v1");
    assertThat(info.schema()).contains(Schema.latestVersion());
  }

  @Test
  void responses_doNotAdvertiseTheServerProduct() throws Exception {
    HttpResponse<String> response = server.get("/api/v1");
    assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
    assertThat(response.headers().firstValue("Server")).isEmpty();
  }

  @Test
  void readiness_followsTheDatabase_livenessDoesNot() throws Exception {
    proxy.cut();
    try {
      awaitStatus("/health/ready", 503, Duration.ofSeconds(30));
      assertThat(server.get("/health/ready").body()).contains("database unreachable");
      assertThat(server.status("/health/live")).isEqualTo(200);
    } finally {
      proxy.start();
    }
    awaitStatus("/health/ready", 200, Duration.ofSeconds(30));
  }

  private static void awaitStatus(String path, int expected, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    int last = -1;
    while (Instant.now().isBefore(deadline)) {
      last = server.status(path);
      if (last == expected) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        path + " answered " + last + ", expected " + expected + " within " + timeout);
  }

  static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> copy = new java.util.LinkedHashMap<>(base);
    copy.put(key, value);
    return copy;
  }
}
