package io.antpath.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scripted scenarios and the header checks, over raw HTTP. */
class ScenariosTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private ClaudeSimulator sim;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    sim = ClaudeSimulator.start(0);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private HttpResponse<String> call(String method, String path, String body, boolean beta)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(sim.baseUri().resolve(path))
            .header("x-api-key", "sk-ant-test")
            .header("anthropic-version", ClaudeSimulator.VERSION)
            .header("content-type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (beta) {
      b.header("anthropic-beta", ClaudeSimulator.AGENTS_BETA);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode ok(String method, String path, String body) throws Exception {
    HttpResponse<String> r = call(method, path, body, true);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** A session-creation body for a fresh agent and environment, with this metadata. */
  private String sessionBody(String metadata) throws Exception {
    String agent =
        ok("POST", "/v1/agents", "{\"name\":\"a\",\"model\":\"claude-sonnet-4-5\"}")
            .get("id")
            .asText();
    String env =
        ok("POST", "/v1/environments", "{\"name\":\"e-" + System.nanoTime() + "\"}")
            .get("id")
            .asText();
    return "{\"agent\":\""
        + agent
        + "\",\"environment_id\":\""
        + env
        + "\",\"metadata\":"
        + metadata
        + "}";
  }

  private String startedSession(String metadata) throws Exception {
    String session = ok("POST", "/v1/sessions", sessionBody(metadata)).get("id").asText();
    ok(
        "POST",
        "/v1/sessions/" + session + "/events",
        "{\"events\":[{\"type\":\"user.message\",\"content\":[{\"type\":\"text\",\"text\":\"go\"}]}]}");
    return session;
  }

  private List<String> eventTypes(String session) throws Exception {
    List<String> types = new ArrayList<>();
    ok("GET", "/v1/sessions/" + session + "/events", null)
        .get("data")
        .forEach(e -> types.add(e.get("type").asText()));
    return types;
  }

  @Test
  void managedAgentsPaths_needTheBetaHeader_andEveryCallTheVersion() throws Exception {
    HttpResponse<String> noBeta = call("GET", "/v1/agents", null, false);
    assertThat(noBeta.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(noBeta.body()).at("/error/type").asText())
        .isEqualTo("not_found_error");
    HttpResponse<String> noVersion =
        http.send(
            HttpRequest.newBuilder(sim.baseUri().resolve("/v1/agents"))
                .header("x-api-key", "sk-ant-test")
                .header("anthropic-beta", ClaudeSimulator.AGENTS_BETA)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noVersion.statusCode()).isEqualTo(400);
    assertThat(noVersion.headers().firstValue("request-id")).isPresent();
  }

  @Test
  void fail_endsIdleWithRetriesExhaustedAfterASessionError() throws Exception {
    String s = startedSession("{\"sim.scenario\":\"fail\",\"sim.step-ms\":\"1\"}");
    Thread.sleep(20);
    assertThat(eventTypes(s)).contains("session.error").last().isEqualTo("session.status_idle");
    JsonNode events = ok("GET", "/v1/sessions/" + s + "/events", null).get("data");
    assertThat(events.get(events.size() - 1).at("/stop_reason/type").asText())
        .isEqualTo("retries_exhausted");
    assertThat(ok("GET", "/v1/files?scope_id=" + s, null).get("data")).isEmpty();
  }

  @Test
  void slow_runsUntilInterrupted() throws Exception {
    String s = startedSession("{\"sim.scenario\":\"slow\",\"sim.step-ms\":\"1\"}");
    Thread.sleep(30);
    assertThat(ok("GET", "/v1/sessions/" + s, null).get("status").asText()).isEqualTo("running");
    ok("POST", "/v1/sessions/" + s + "/events", "{\"events\":[{\"type\":\"user.interrupt\"}]}");
    assertThat(ok("GET", "/v1/sessions/" + s, null).get("status").asText()).isEqualTo("idle");
  }

  @Test
  void serverErrors_thenRecovers() throws Exception {
    String s = startedSession("{\"sim.scenario\":\"server-errors\",\"sim.step-ms\":\"1\"}");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < Scenario.DISTURBED_CALLS + 1; i++) {
      statuses.add(call("GET", "/v1/sessions/" + s, null, true).statusCode());
    }
    assertThat(statuses).containsExactly(500, 529, 500, 200);
  }

  @Test
  void dropConnections_closesWithoutAnAnswer_thenRecovers() throws Exception {
    String s = startedSession("{\"sim.scenario\":\"drop-connections\",\"sim.step-ms\":\"1\"}");
    assertThatThrownBy(() -> call("GET", "/v1/sessions/" + s, null, true))
        .isInstanceOf(IOException.class);
    for (int i = 1; i < Scenario.DISTURBED_CALLS; i++) {
      try {
        call("GET", "/v1/sessions/" + s, null, true);
      } catch (IOException expected) {
        // dropped
      }
    }
    assertThat(call("GET", "/v1/sessions/" + s, null, true).statusCode()).isEqualTo(200);
  }

  @Test
  void malformedListing_answersBrokenJsonForTheSessionFiles() throws Exception {
    String s = startedSession("{\"sim.scenario\":\"malformed-listing\",\"sim.step-ms\":\"1\"}");
    Thread.sleep(20);
    HttpResponse<String> r = call("GET", "/v1/files?scope_id=" + s, null, true);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> JSON.readTree(r.body())).isInstanceOf(IOException.class);
  }

  @Test
  void unknownScenario_isRefusedAtSessionCreation() throws Exception {
    HttpResponse<String> r =
        call("POST", "/v1/sessions", sessionBody("{\"sim.scenario\":\"nope\"}"), true);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("unknown scenario");
  }

  @Test
  void creates_areCountedByMarker_andLeftoversListWhatIsNotDeletedOrArchived() throws Exception {
    String marked = "{\"name\":\"a\",\"model\":\"m\",\"metadata\":{\"antpath.marker\":\"m1\"}}";
    String first = ok("POST", "/v1/agents", marked).get("id").asText();
    assertThat(sim.duplicateCreates()).isEmpty();
    String second = ok("POST", "/v1/agents", marked).get("id").asText();
    ok("POST", "/v1/vaults", "{\"display_name\":\"v\",\"metadata\":{\"antpath.marker\":\"m2\"}}");
    assertThat(sim.duplicateCreates()).containsExactly(java.util.Map.entry("m1", 2));
    assertThat(sim.markedCreates()).isEqualTo(3);
    assertThat(sim.leftovers()).hasSize(3).contains("agent " + first, "agent " + second);
    ok("POST", "/v1/agents/" + first + "/archive", null);
    ok("POST", "/v1/agents/" + second + "/archive", null);
    assertThat(sim.leftovers()).hasSize(1).allMatch(l -> l.startsWith("vault "));
  }

  @Test
  void latency_delaysEveryAnswer() throws Exception {
    sim.latency(java.time.Duration.ofMillis(300));
    long t0 = System.nanoTime();
    call("GET", "/v1/agents", null, true);
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
    sim.latency(java.time.Duration.ZERO);
  }
}
