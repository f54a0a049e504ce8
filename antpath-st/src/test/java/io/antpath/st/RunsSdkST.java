package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.Page;
import io.antpath.sdk.RawResponse;
import io.antpath.sdk.RequestOptions;
import io.antpath.sdk.errors.IdempotencyConflictException;
import io.antpath.sdk.errors.NotFoundException;
import io.antpath.sdk.errors.PermissionDeniedException;
import io.antpath.sdk.run.Run;
import io.antpath.sdk.run.RunCreateParams;
import io.antpath.sdk.run.RunListParams;
import io.antpath.sdk.run.RunSecrets;
import io.antpath.sdk.run.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java SDK against the running server, as a program would use it. */
@ExtendWith(DemoStack.class)
class RunsSdkST {
  private final DemoStack stack = DemoStack.get();

  private AntpathClient client(String token) {
    return AntpathClient.builder()
        .baseUrl(stack.server.baseUri().toString())
        .apiToken(token)
        .defaultSecrets(RunSecrets.of("sk-ant-sdk-" + UUID.randomUUID()))
        .build();
  }

  private static RunCreateParams params(String tag) {
    return RunCreateParams.builder()
        .model("claude-sonnet-4-5")
        .input("Write hello.txt")
        .timeoutSeconds(300)
        .putMetadata("tag", tag)
        .putMetadata("sim.scenario", "slow")
        .build();
  }

  private static RequestOptions options(String idempotencyKey) {
    return RequestOptions.builder().idempotencyKey(idempotencyKey).build();
  }

  @Test
  void submitReadListCancelDelete() {
    AntpathClient client = client(stack.demoToken);
    Run run = client.runs().create(params("sdk"));
    assertThat(run.status().value()).isEqualTo("queued");
    assertThat(client.runs().retrieve(run.id()).metadata()).containsEntry("tag", "sdk");
    assertThat(
            client.runs().list(io.antpath.sdk.run.RunListParams.builder().limit(5).build()).stream()
                .limit(50)
                .map(Run::id))
        .contains(run.id());
    Run canceled = client.runs().cancel(run.id());
    assertThat(canceled.status().value().equals("canceled") || canceled.cancelRequestedAt() != null)
        .as("canceled, or cancellation requested from its worker: " + canceled)
        .isTrue();
    assertThat(client.runs().waitForCompletion(run.id(), Duration.ofSeconds(60)).status().value())
        .isEqualTo("canceled");
    assertThat(client.runs().delete(run.id()).deleteRequestedAt()).isNotNull();
  }

  @Test
  void eventsAndOutputs_ofARunAreReadThroughTheSdk() {
    AntpathClient client = client(stack.demoToken);
    Run run = client.runs().create(params("reads"));
    assertThat(client.runs().events(run.id()).items())
        .allSatisfy(e -> assertThat(e.type()).isNotBlank());
    assertThat(client.runs().outputs(run.id()).failures()).isEmpty();
    assertThatThrownBy(() -> client(stack.otherToken).runs().outputs(run.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client(stack.otherToken).runs().events(run.id()))
        .isInstanceOf(NotFoundException.class);
    client.runs().cancel(run.id());
  }

  @Test
  void replayAndConflict_withACallerChosenKey() {
    AntpathClient client = client(stack.demoToken);
    String key = "sdk-key-" + UUID.randomUUID();
    Run first = client.runs().create(params("a"), options(key));
    Run again = client.runs().create(params("a"), RunSecrets.of("sk-ant-new"), options(key));
    assertThat(again.id()).isEqualTo(first.id());
    assertThatThrownBy(() -> client.runs().create(params("b"), options(key)))
        .isInstanceOf(IdempotencyConflictException.class)
        .hasMessageContaining("idempotency_conflict");
  }

  @Test
  void typedErrors_forForeignRunsAndMissingScopes() {
    Run run = client(stack.demoToken).runs().create(params("foreign"));
    assertThatThrownBy(() -> client(stack.otherToken).runs().retrieve(run.id()))
        .isInstanceOf(NotFoundException.class);
    String readOnly = stack.createToken("{\"name\":\"sdk-ro\",\"scopes\":[\"runs:read\"]}");
    assertThatThrownBy(() -> client(readOnly).runs().create(params("ro")))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void list_filtersByMetadataStatusAndCreationTime_onTheServer_acrossPages() {
    AntpathClient client = client(stack.demoToken);
    String tag = "filter-" + UUID.randomUUID();
    Instant before = Instant.now().minusSeconds(5);
    List<String> ids =
        java.util.stream.Stream.generate(() -> client.runs().create(params(tag)).id())
            .limit(3)
            .toList();
    RunListParams mine = RunListParams.builder().metadata("tag", tag).limit(2).build();
    RawResponse<Page<Run>> first = client.runs().withRawResponse().list(mine, null);
    assertThat(first.requestId()).isPresent();
    assertThat(first.parse().items()).hasSize(2);
    assertThat(first.parse().hasNextPage()).isTrue();
    assertThat(client.runs().list(mine).stream().map(Run::id))
        .containsExactly(ids.get(2), ids.get(1), ids.get(0));
    assertThat(
            client.runs().list(mine.toBuilder().status(RunStatus.QUEUED).build()).stream()
                .map(Run::id))
        .hasSize(3);
    assertThat(client.runs().list(mine.toBuilder().status(RunStatus.SUCCEEDED).build()).stream())
        .isEmpty();
    assertThat(client.runs().list(mine.toBuilder().createdFrom(before).build()).stream())
        .hasSize(3);
    assertThat(client.runs().list(mine.toBuilder().createdBefore(before).build()).stream())
        .isEmpty();
    ids.forEach(id -> client.runs().cancel(id));
  }
}
