package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.errors.NotFoundException;
import io.antpath.sdk.run.Run;
import io.antpath.sdk.run.RunCreateParams;
import io.antpath.sdk.run.RunEvent;
import io.antpath.sdk.run.RunSecrets;
import io.antpath.sdk.run.RunStatus;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code followEvents} against the real server: live over its event stream, never polling, and the
 * same events in the same order as {@code GET /events}.
 */
@ExtendWith(DemoStack.WithWorker.class)
class RunFollowSdkST {
  private final DemoStack stack = DemoStack.withWorker();

  /** Retries the SDK made (transport level); a server error among them fails the test. */
  private final List<String> retries = new CopyOnWriteArrayList<>();

  /**
   * A client that fails the test if it ever waits to poll (its poll interval is an hour). A
   * transport retry or a stream reconnect after a broken connection is the SDK doing its job and
   * waits for real, but is reported; a retried 5xx fails the test in {@link #noServerErrors()}.
   */
  private AntpathClient streamingOnly(String token) {
    return AntpathClient.builder()
        .baseUrl(stack.server.baseUri().toString())
        .apiToken(token)
        .defaultSecrets(RunSecrets.of("sk-ant-follow-" + UUID.randomUUID()))
        .pollInterval(Duration.ofHours(1))
        .retryListener(
            (attempt, status, delay, method, path) ->
                retries.add(method + " " + path + " answered " + status + ", attempt " + attempt))
        .sleeper(
            d -> {
              if (d.compareTo(Duration.ofMinutes(1)) >= 0) {
                throw new AssertionError("followEvents waited " + d + ": it polled");
              }
              System.err.println("RunFollowSdkST: the SDK waited " + d + "; retries: " + retries);
              Thread.sleep(d.toMillis());
            })
        .build();
  }

  @AfterEach
  void noServerErrors() {
    assertThat(retries)
        .as("requests the server answered with 5xx")
        .noneMatch(r -> r.contains(" answered 5"));
  }

  @Test
  void aLiveRun_isFollowedOverTheStream_untilItEnds_withEveryEventOnceInOrder() {
    AntpathClient client = streamingOnly(stack.demoToken);
    Run run =
        client
            .runs()
            .create(
                RunCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .input("keep going")
                    .putMetadata("sim.scenario", "slow")
                    .build());
    List<RunEvent> seen = new CopyOnWriteArrayList<>();

    // The run never ends by itself: the cancel on its first event is what ends the stream.
    Run done =
        client
            .runs()
            .followEvents(
                run.id(),
                Duration.ofMinutes(2),
                e -> {
                  if (seen.isEmpty()) {
                    client.runs().cancel(run.id());
                  }
                  seen.add(e);
                });

    assertThat(done.status()).isEqualTo(RunStatus.CANCELED);
    assertThat(seen).isNotEmpty();
    assertThat(seen)
        .extracting(RunEvent::id)
        .isSorted()
        .doesNotHaveDuplicates()
        .containsExactlyElementsOf(
            client.runs().events(run.id()).stream().map(RunEvent::id).toList());
  }

  @Test
  void aFinishedRun_isFollowedToItsEnd_withTypedEventData() {
    AntpathClient client = streamingOnly(stack.demoToken);
    Run run =
        client
            .runs()
            .create(RunCreateParams.builder().model("claude-sonnet-4-5").input("hello").build());
    List<RunEvent> seen = new CopyOnWriteArrayList<>();

    Run done = client.runs().followEvents(run.id(), Duration.ofMinutes(2), seen::add);

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(seen)
        .filteredOn(e -> e.type().equals("session.status_idle"))
        .extracting(e -> e.stopReason().orElse(null))
        .containsExactly("end_turn");
    assertThat(client.serviceInfo().apiVersion()).isEqualTo(AntpathClient.API_VERSION);
  }

  @Test
  void aForeignRun_isNotFound_withTheResponseHeaders() {
    Run run =
        streamingOnly(stack.demoToken)
            .runs()
            .create(RunCreateParams.builder().model("claude-sonnet-4-5").input("x").build());
    AntpathClient other =
        AntpathClient.builder()
            .baseUrl(stack.server.baseUri().toString())
            .apiToken(stack.otherToken)
            .pollInterval(Duration.ofMillis(100))
            .build();
    assertThatThrownBy(() -> other.runs().followEvents(run.id(), Duration.ofMinutes(1), e -> {}))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.header("x-request-id")).isPresent();
              assertThat(e.requestId()).isEqualTo(e.header("X-Request-Id"));
            });
  }
}
