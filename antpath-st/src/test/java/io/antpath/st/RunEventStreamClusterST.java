package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.sim.ClaudeSimulator;
import io.antpath.testkit.AntpathServer;
import io.antpath.testkit.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event stream opened on one instance follows a run that another instance's worker drives: with
 * a data grid, the worker's "run changed" signals wake the stream at once (its fallback poll is a
 * minute here, so only a signal explains a prompt end); without one ({@code --nocluster}), the
 * fallback poll alone still delivers every event and the end.
 */
class RunEventStreamClusterST {
  private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z_]+)\"");

  private final String token = token();
  private final HttpClient http = HttpClient.newHttpClient();
  private ClaudeSimulator sim;
  private TestDatabase db;

  @BeforeEach
  void start() throws Exception {
    sim = ClaudeSimulator.start(0);
    db = TestDatabase.create("st-stream-cluster");
  }

  @AfterEach
  void stop() throws Exception {
    if (db != null) {
      db.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void aStreamOnAnotherInstance_wakesOnTheGridsSignals_notOnItsFallbackPoll() throws Exception {
    int[] gridPorts = {AntpathServer.freePort(), AntpathServer.freePort()};
    String members = "127.0.0.1:" + gridPorts[0] + ",127.0.0.1:" + gridPorts[1];
    String cluster = "antpath-stream-" + UUID.randomUUID().toString().substring(0, 8);
    try (AntpathServer a =
            AntpathServer.startReady(settings(true, 60_000), grid(cluster, members, gridPorts[0]));
        AntpathServer b =
            AntpathServer.startReady(
                settings(false, 60_000), grid(cluster, members, gridPorts[1]))) {
      String runId = submit(a);
      long t0 = System.nanoTime();
      List<String> live = stream(b, runId);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      List<String> statuses = statuses(live);
      assertThat(statuses.getFirst())
          .as("the first read saw the run still live")
          .isIn("queued", "starting", "running");
      assertThat(statuses.getLast()).isEqualTo("succeeded");
      assertThat(took)
          .as("ended on signals, long before the 60 s fallback poll")
          .isLessThan(Duration.ofSeconds(30));
      assertThat(ids(live)).isEqualTo(ids(stream(a, runId)));
      assertThat(b.get("/ops/metrics").body())
          .containsPattern("antpath_run_signals_total\\{direction=\"received\"} [1-9]");
    }
  }

  @Test
  void withoutAGrid_theFallbackPollStillDeliversEveryEventAndTheEnd() throws Exception {
    try (AntpathServer a = AntpathServer.startReady(settings(true, 1_000));
        AntpathServer b = AntpathServer.startReady(settings(false, 1_000))) {
      String runId = submit(a);
      List<String> live = stream(b, runId);

      List<String> statuses = statuses(live);
      assertThat(statuses.getFirst()).isIn("queued", "starting", "running");
      assertThat(statuses.getLast()).isEqualTo("succeeded");
      assertThat(ids(live)).isNotEmpty().isEqualTo(ids(stream(a, runId)));
      assertThat(b.get("/ops/metrics").body()).doesNotContain("direction=\"received\"");
      assertThat(a.get("/ops/metrics").body())
          .as("a grid of one member: nothing to send to")
          .doesNotContain("direction=\"sent\"");
    }
  }

  private Map<String, String> settings(boolean worker, int fallbackMillis) {
    Map<String, String> env = new LinkedHashMap<>(AntpathServer.devSettings(db));
    env.put("ANTPATH_DEV_DEMO_TOKEN", token);
    env.put("ANTPATH_EVENTS_STREAM_FALLBACK_POLL_MILLIS", Integer.toString(fallbackMillis));
    env.put("ANTPATH_PROVIDER_BASE_URL", sim.baseUri().toString());
    env.put("ANTPATH_WORKER_ENABLED", Boolean.toString(worker));
    env.put("ANTPATH_WORKER_POLL_MILLIS", "200");
    return env;
  }

  private static List<String> grid(String cluster, String members, int port) {
    return List.of(
        "--clustername",
        cluster,
        "--startport",
        Integer.toString(port),
        "--clustermode",
        "tcpip:" + members);
  }

  /** Submits a run whose session writes an event a second for about five seconds. */
  private String submit(AntpathServer a) throws Exception {
    String body =
        "{\"agent\":{\"model\":\"claude-sonnet-4-5\"},\"input\":\"x\",\"metadata\":{\"sim.step-ms\":\"1000\"},"
            + "\"secrets\":{\"anthropicApiKey\":\"sk-ant-cluster-"
            + UUID.randomUUID()
            + "\"}}";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(a.baseUri().resolve(URI.create("/api/v1/runs")))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(r.body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** The whole stream of {@code runId} from {@code server}: returns once the server ends it. */
  private List<String> stream(AntpathServer server, String runId) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/runs/" + runId + "/events/stream"))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(90))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofLines()).body().toList();
  }

  private static List<String> statuses(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).equals("event: run.status")) {
        Matcher m = STATUS.matcher(lines.get(i + 1));
        if (m.find()) {
          out.add(m.group(1));
        }
      }
    }
    return out;
  }

  private static List<String> ids(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
  }

  private static String token() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return "apt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
