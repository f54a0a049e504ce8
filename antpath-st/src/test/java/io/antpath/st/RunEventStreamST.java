package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.sdk.run.Run;
import io.antpath.sdk.run.RunCreateParams;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /api/v1/runs/{id}/events/stream: live events that end with the run, resumable. */
@ExtendWith(DemoStack.WithWorker.class)
class RunEventStreamST {
  private final DemoStack stack = DemoStack.withWorker();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<java.util.stream.Stream<String>> open(
      String runId, String token, String lastEventId) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                stack.server.baseUri().resolve("/api/v1/runs/" + runId + "/events/stream"))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(90));
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
  }

  @Test
  void aStream_followsTheRunToItsEnd_andResumesAfterLastEventId() throws Exception {
    Run run =
        stack
            .client("sk-ant-sse-" + UUID.randomUUID())
            .runs()
            .create(
                RunCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .input("x")
                    .putMetadata("sim.step-ms", "100")
                    .build());
    HttpResponse<java.util.stream.Stream<String>> live = open(run.id(), stack.demoToken, null);
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<String> lines = live.body().toList(); // returns only because the server ends the stream
    assertThat(lines).contains("event: run.event").anyMatch(l -> l.startsWith("id: "));
    assertThat(String.join("\n", lines))
        .contains("session.status_idle")
        .contains("\"status\":\"succeeded\"");
    List<String> ids =
        lines.stream().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
    String middle = ids.get(ids.size() / 2);

    List<String> resumed = open(run.id(), stack.demoToken, middle).body().toList();
    List<String> resumedIds =
        resumed.stream().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
    assertThat(resumedIds).isEqualTo(ids.subList(ids.indexOf(middle) + 1, ids.size()));

    assertThat(open(run.id(), stack.otherToken, null).statusCode()).isEqualTo(404);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(
                            stack
                                .server
                                .baseUri()
                                .resolve("/api/v1/runs/" + run.id() + "/events/stream"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
  }
}
