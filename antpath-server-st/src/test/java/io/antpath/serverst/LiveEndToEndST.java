package io.antpath.serverst;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.run.McpServer;
import io.antpath.sdk.run.Run;
import io.antpath.sdk.run.RunCreateParams;
import io.antpath.sdk.run.RunOutputs;
import io.antpath.sdk.run.RunSecrets;
import io.antpath.sdk.run.Skill;
import io.antpath.sim.ClaudeSimulator;
import io.antpath.testkit.AntpathServer;
import io.antpath.testkit.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's live end-to-end test: a real server (Payara Micro + antpath.war, worker on) drives
 * runs on the Claude API, and the test checks each step through the SDK and, for cleanup, on the
 * provider itself.
 *
 * <p>{@code bin/test-live} runs it against the real Claude API ({@code -Dantpath.live=true}; it
 * needs {@code ANTHROPIC_API_KEY} and fails without it, never skips). {@code bin/test} runs the
 * same code against the simulator, so it is exercised on every change; {@code
 * ANTPATH_PROVIDER_BASE_URL} points either at another provider.
 */
class LiveEndToEndST {
  private static final String BETA = "managed-agents-2026-04-01";
  private static final Duration RUN_WITHIN = Duration.ofMinutes(10);
  private static final String DEMO_TOKEN = PayaraServerST.token();
  private static ClaudeSimulator sim;
  private static TestDatabase db;
  private static AntpathServer server;
  private static URI provider;
  private static String apiKey;
  private static String model;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    boolean live = Boolean.getBoolean("antpath.live");
    String configured = System.getenv("ANTPATH_PROVIDER_BASE_URL");
    if (live) {
      apiKey = System.getenv("ANTHROPIC_API_KEY");
      if (apiKey == null || apiKey.isBlank()) {
        throw new IllegalStateException(
            "ANTHROPIC_API_KEY is not set: the live end-to-end test (bin/test-live) runs against the"
                + " real Claude API and needs a key: export ANTHROPIC_API_KEY=sk-ant-... and run it"
                + " again. (bin/test runs the same test against the simulator.)");
      }
      provider = URI.create(configured != null ? configured : "https://api.anthropic.com");
    } else if (configured != null) {
      provider = URI.create(configured);
      apiKey = "sk-ant-live-e2e-" + UUID.randomUUID();
    } else {
      sim = ClaudeSimulator.start(0);
      provider = sim.baseUri();
      apiKey = "sk-ant-live-e2e-" + UUID.randomUUID();
    }
    model = System.getenv().getOrDefault("ANTPATH_LIVE_MODEL", "claude-sonnet-4-5");
    db = TestDatabase.create("live-e2e");
    Map<String, String> env = new LinkedHashMap<>(AntpathServer.devSettings(db));
    env.put("ANTPATH_WORKER_ENABLED", "true");
    env.put("ANTPATH_WORKER_POLL_MILLIS", "200");
    env.put("ANTPATH_PROVIDER_BASE_URL", provider.toString());
    env.put("ANTPATH_DEV_DEMO_TOKEN", DEMO_TOKEN);
    env.put("ANTPATH_CLEANUP_RETRY_BASE_SECONDS", "1");
    server = AntpathServer.startReady(env);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (db != null) {
      db.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private static AntpathClient client() {
    return AntpathClient.builder()
        .baseUrl(server.baseUri().toString())
        .apiToken(DEMO_TOKEN)
        .defaultSecrets(RunSecrets.of(apiKey))
        .build();
  }

  private static RunCreateParams.Builder writeHello() {
    return RunCreateParams.builder()
        .model(model)
        .addTool(Map.of("type", "agent_toolset_20260401"))
        .input(
            "Create the file /mnt/session/outputs/hello.txt containing exactly the text"
                + " 'Hello from antpath.' and nothing else. Then stop.")
        .timeoutSeconds(600)
        .putMetadata("sim.step-ms", "20");
  }

  @Test
  void submit_session_events_capture_signedLink_cleanup() throws Exception {
    AntpathClient client = client();
    Run run = client.runs().create(writeHello().build());
    List<String> seen = new ArrayList<>();
    Run done = client.runs().followEvents(run.id(), RUN_WITHIN, e -> seen.add(e.type()));
    assertThat(done.status().value())
        .as("status; failure %s", done.failure())
        .isEqualTo("succeeded");
    assertThat(seen).contains("session.status_running", "session.status_idle");
    assertThat(providerId(run.id(), "session")).startsWith("sesn_");

    RunOutputs outputs = client.runs().outputs(run.id());
    RunOutputs.Output hello =
        outputs.outputs().stream()
            .filter(o -> o.filename().endsWith("hello.txt"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no hello.txt among " + outputs));
    String url = client.runs().createLink(run.id(), hello.id()).url();
    HttpResponse<String> download =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).containsIgnoringCase("hello from");

    awaitCleanupDone(client, run.id());
    HttpResponse<String> session =
        provider("GET", "/v1/sessions/" + providerId(run.id(), "session"));
    assertThat(
            session.statusCode() == 404
                || session.body().matches("(?s).*\"archived_at\"\\s*:\\s*\".*"))
        .as(
            "the session is deleted or archived on the provider: %s %s",
            session.statusCode(), session.body())
        .isTrue();
  }

  @Test
  void retainedSession_staysOnTheProvider_untilTheTestRemovesIt() throws Exception {
    AntpathClient client = client();
    Run run = client.runs().create(writeHello().retainClaudeSession(true).build());
    Run done = client.runs().waitForCompletion(run.id(), RUN_WITHIN);
    assertThat(done.status().value())
        .as("status; failure %s", done.failure())
        .isEqualTo("succeeded");
    awaitCleanupDone(client, run.id());

    String sessionPath = "/v1/sessions/" + providerId(run.id(), "session");
    HttpResponse<String> kept = provider("GET", sessionPath);
    assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
    assertThat(kept.body()).doesNotContainPattern("\"archived_at\"\\s*:\\s*\"");
    assertThat(provider("DELETE", sessionPath).statusCode()).isBetween(200, 204);
    assertThat(provider("GET", sessionPath).statusCode()).isEqualTo(404);
  }

  @Test
  void aRunWithAPublicMcpServerAndAnAnthropicSkill() throws Exception {
    AntpathClient client = client();
    Run run =
        client
            .runs()
            .create(
                RunCreateParams.builder()
                    .model(model)
                    .addMcpServer(McpServer.of("deepwiki", "https://mcp.deepwiki.com/mcp"))
                    .addTool(Map.of("type", "agent_toolset_20260401"))
                    .addTool(Map.of("type", "mcp_toolset", "mcp_server_name", "deepwiki"))
                    .addSkill(Skill.anthropic("xlsx"))
                    .input(
                        "Use the deepwiki MCP server to find what the GitHub repository"
                            + " anthropics/anthropic-sdk-java is, then answer in one sentence.")
                    .timeoutSeconds(600)
                    .putMetadata("sim.step-ms", "20")
                    .build());
    Run done = client.runs().waitForCompletion(run.id(), RUN_WITHIN);
    assertThat(done.status().value())
        .as("status; failure %s", done.failure())
        .isEqualTo("succeeded");
    // The agent antpath created on the provider declared both (archived agents stay readable).
    HttpResponse<String> agent = provider("GET", "/v1/agents/" + providerId(run.id(), "agent"));
    assertThat(agent.statusCode()).as(agent.body()).isEqualTo(200);
    assertThat(agent.body()).contains("https://mcp.deepwiki.com/mcp").contains("xlsx");
    awaitCleanupDone(client, run.id());
  }

  private static void awaitCleanupDone(AntpathClient client, String runId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Run run = client.runs().retrieve(runId);
    while (!run.cleanupStatus().value().equals("done")) {
      assertThat(run.cleanupStatus().value())
          .as("cleanup; error %s", run.cleanupError())
          .isNotEqualTo("failed");
      assertThat(System.nanoTime()).as("cleanup done within 2 minutes").isLessThan(deadline);
      Thread.sleep(250);
      run = client.runs().retrieve(runId);
    }
  }

  /** The provider's id of the run's resource of {@code kind}, from antpath's own journal. */
  private static String providerId(String runId, String kind) throws Exception {
    try (Connection c = db.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "select provider_id from provider_resources where run_id = ?::uuid and kind = ?"
                    + " and provider_id is not null order by created_at desc limit 1")) {
      ps.setString(1, runId);
      ps.setString(2, kind);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("a %s of run %s on the provider", kind, runId).isTrue();
        return rs.getString(1);
      }
    }
  }

  private HttpResponse<String> provider(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(provider.resolve(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("x-api-key", apiKey)
            .header("anthropic-version", "2023-06-01")
            .header("anthropic-beta", BETA)
            .timeout(Duration.ofSeconds(60))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
