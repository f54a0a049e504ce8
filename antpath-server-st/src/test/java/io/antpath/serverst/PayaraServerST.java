package io.antpath.serverst;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.run.DownloadedOutputs;
import io.antpath.sdk.run.Run;
import io.antpath.sdk.run.RunCreateParams;
import io.antpath.sdk.run.RunSecrets;
import io.antpath.sim.ClaudeSimulator;
import io.antpath.testkit.AntpathServer;
import io.antpath.testkit.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * antpath.ear on Payara Server 7, set up the way docs/deployment.md tells an operator: a domain,
 * antpath's settings in the environment of {@code start-domain} (and a non-secret one as a
 * domain-level MicroProfile Config property), the HTTP listener hardened, {@code asadmin deploy
 * antpath.ear}. The domain runs in dev mode only because the simulator speaks plain http
 * (production refuses that) and to get a seeded API token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerST {
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);
  private static final String DEMO_TOKEN = token();
  private static TestDatabase db;
  private static ClaudeSimulator sim;
  private static PayaraDomain domain;
  private static Path ear;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void domain() throws IOException {
    ear = Path.of(System.getProperty("antpath.ear"));
    db = TestDatabase.create("server-st");
    sim = ClaudeSimulator.start(0);
    Path target = ear.getParent();
    domain = PayaraDomain.create(Path.of(System.getProperty("payara.server.home")), target);
    Map<String, String> env = new LinkedHashMap<>(AntpathServer.devSettings(db));
    env.put("ANTPATH_MODE", "dev");
    env.put("ANTPATH_STORAGE_DIR", domain.work().resolve("storage").toString());
    env.put("ANTPATH_PROVIDER_BASE_URL", sim.baseUri().toString());
    env.put("ANTPATH_DEV_DEMO_TOKEN", DEMO_TOKEN);
    env.put("ANTPATH_CLEANUP_RETRY_BASE_SECONDS", "1");
    domain.start(env);
    // The HTTP listener hardening of docs/deployment.md (Payara Server's listener is
    // http-listener-1).
    String listener =
        "configs.config.server-config.network-config.protocols.protocol.http-listener-1.http.";
    domain.remoteOk("set", listener + "server-header=false");
    domain.remoteOk("set", listener + "cookie-same-site-enabled=true");
    domain.remoteOk("set", listener + "cookie-same-site-value=Lax");
    // Non-secret settings may also live in the domain (asadmin set-config-property).
    domain.remoteOk(
        "set-config-property",
        "--source=domain",
        "--propertyName=antpath.worker.poll-millis",
        "--propertyValue=200");
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (domain != null) {
        domain.close();
      }
    } finally {
      if (sim != null) {
        sim.close();
      }
      if (db != null) {
        db.close();
      }
    }
  }

  @Test
  @Order(1)
  void theEarCarriesTheSameConfigurationDefaultsAsTheWar() throws IOException {
    byte[] inEarLib = entry(entry(Files.readAllBytes(ear), "lib/antpath-config.jar"), CONFIG);
    byte[] inWar =
        entry(entry(Files.readAllBytes(ear), "antpath.war"), "WEB-INF/classes/" + CONFIG);
    assertThat(inEarLib).isNotEmpty().isEqualTo(inWar);
  }

  @Test
  @Order(2)
  void aBadSetting_failsTheDeploymentWithOneClearLine_andARestartedDomainDeploysCleanly()
      throws Exception {
    domain.remoteOk(
        "set-config-property",
        "--source=domain",
        "--propertyName=antpath.tier.max-concurrent-runs",
        "--propertyValue=lots");
    PayaraDomain.Result failed = domain.remote("deploy", "--name", "antpath", ear.toString());
    assertThat(failed.exit()).as(failed.toString()).isNotZero();
    assertThat(domain.serverLogText())
        .contains(
            "antpath configuration error: ANTPATH_TIER_MAX_CONCURRENT_RUNS (antpath.tier.max-concurrent-runs) must be a whole number");
    assertThat(domain.remoteOk("list-applications").output()).doesNotContain("antpath");
    // The check failed the deployment before Payara registered the application's health checks.
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(domain.httpBase().resolve("/health/ready")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as(health.body()).isNotEqualTo(500);

    // What docs/deployment.md tells the operator: fix the setting, restart the domain, deploy.
    domain.remoteOk(
        "delete-config-property",
        "--source=domain",
        "--propertyName=antpath.tier.max-concurrent-runs");
    domain.restart();
    deployAndAwaitReady();
  }

  @Test
  @Order(3)
  void aRunGoesEndToEnd_throughTheEarOnPayaraServer(@TempDir Path downloads) throws Exception {
    if (!domain.remoteOk("list-applications").output().contains("antpath")) {
      deployAndAwaitReady();
    }
    AntpathClient client =
        AntpathClient.builder()
            .baseUrl(domain.httpBase().toString())
            .apiToken(DEMO_TOKEN)
            .defaultSecrets(RunSecrets.of("sk-ant-server-st-" + System.nanoTime()))
            .build();
    Run run =
        client
            .runs()
            .create(
                RunCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .input("Write hello.txt")
                    .putMetadata("sim.step-ms", "20")
                    .build());
    HttpResponse<String> info =
        http.send(
            HttpRequest.newBuilder(domain.httpBase().resolve("/api/v1")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(info.headers().firstValue("Server")).as("no Server header").isEmpty();
    Run done = client.runs().waitForCompletion(run.id(), Duration.ofSeconds(90));
    assertThat(done.status().value()).isEqualTo("succeeded");

    DownloadedOutputs outputs = client.runs().downloadAll(run.id(), downloads);
    assertThat(outputs.failures()).isEmpty();
    assertThat(outputs.files()).extracting(p -> p.getFileName().toString()).contains("hello.txt");
    assertThat(Files.readString(downloads.resolve("hello.txt")))
        .contains("Hello from the Claude Managed Agents simulator.");

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!client.runs().retrieve(run.id()).cleanupStatus().value().equals("done")) {
      assertThat(System.nanoTime()).as("cleanup done within 60 s").isLessThan(deadline);
      Thread.sleep(200);
    }
    for (String kind : List.of("agent", "environment", "session")) {
      assertThat(sim.live(kind, "antpath.run", run.id())).as(kind).isZero();
    }
  }

  private static final String CONFIG = "META-INF/microprofile-config.properties";

  private void deployAndAwaitReady() throws Exception {
    domain.remoteOk("deploy", "--name", "antpath", ear.toString());
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    URI ready = domain.httpBase().resolve("/health/ready");
    while (true) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        return;
      }
      assertThat(System.nanoTime())
          .as("ready within %s; last answer %s %s", READY_WITHIN, r.statusCode(), r.body())
          .isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private static byte[] entry(byte[] zip, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError(name + " not found");
  }

  static String token() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return "apt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
