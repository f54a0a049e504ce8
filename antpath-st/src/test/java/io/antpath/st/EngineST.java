package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The run engine in the server: runs waiting for their sessions hold no worker thread, so more of
 * them are live at once than the worker has threads; and the engine's metrics are served to
 * operators without a trace of any key.
 */
@ExtendWith(DemoStack.WithWorker.class)
class EngineST {
  private final DemoStack stack = DemoStack.withWorker();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void moreRunsAreLiveAtOnceThanTheWorkerHasThreads_andAllSucceed() throws Exception {
    String key = "sk-ant-engine-CANARY-" + UUID.randomUUID();
    // Demo caps: 10 live runs per workspace; the worker has ANTPATH_WORKER_CONCURRENCY = 4 threads.
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      runs.add(submit(i % 2 == 0 ? stack.demoToken : stack.otherToken, key, "1000"));
    }
    int peakRunning = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    int done = 0;
    while (done < runs.size()) {
      assertThat(System.nanoTime()).as("all runs ended in time").isLessThan(deadline);
      int running = 0;
      done = 0;
      for (int i = 0; i < runs.size(); i++) {
        String status = status(i % 2 == 0 ? stack.demoToken : stack.otherToken, runs.get(i));
        running += status.equals("running") ? 1 : 0;
        done += status.equals("succeeded") ? 1 : 0;
        assertThat(status).isIn("queued", "starting", "running", "succeeded");
      }
      peakRunning = Math.max(peakRunning, running);
      Thread.sleep(200);
    }
    assertThat(peakRunning).as("runs live at once").isGreaterThan(4);
    String metrics = stack.server.get("/ops/metrics").body();
    assertThat(metrics).doesNotContain("CANARY");
  }

  @Test
  void metrics_areServedInPrometheusFormat() throws Exception {
    submit(stack.demoToken, "sk-ant-engine-metrics-" + UUID.randomUUID(), "5");
    HttpResponse<String> r = stack.server.get("/ops/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    assertThat(r.body())
        .contains("# TYPE antpath_runs gauge")
        .contains("antpath_runs{status=\"queued\"}")
        .contains("antpath_live_sessions ")
        .contains("antpath_cleanup_backlog ");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!stack
        .server
        .get("/ops/metrics")
        .body()
        .contains("antpath_step_seconds_count{kind=\"run\"}")) {
      assertThat(System.nanoTime()).as("a run step measured").isLessThan(deadline);
      Thread.sleep(100);
    }
    assertThat(stack.server.get("/ops/metrics").body())
        .contains("antpath_claim_seconds_bucket{le=\"+Inf\"}")
        .contains("antpath_pickup_seconds_count{kind=\"admission\"}");
  }

  private String submit(String token, String key, String stepMillis) throws Exception {
    String body =
        "{\"agent\":{\"model\":\"claude-sonnet-4-5\"},\"input\":\"engine\","
            + "\"metadata\":{\"sim.step-ms\":\""
            + stepMillis
            + "\"},\"secrets\":{\"anthropicApiKey\":\""
            + key
            + "\"}}";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(stack.server.baseUri().resolve("/api/v1/runs"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return field(r.body(), "id");
  }

  private String status(String token, String run) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(stack.server.baseUri().resolve("/api/v1/runs/" + run))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return field(r.body(), "status");
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }
}
