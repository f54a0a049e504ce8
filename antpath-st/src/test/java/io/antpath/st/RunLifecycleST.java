package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.run.Run;
import io.antpath.sdk.run.RunCreateParams;
import io.antpath.sdk.run.RunEvent;
import io.antpath.sdk.run.RunOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs that really run: the server's worker drives them on the Claude API simulator, and a user
 * watches them through the SDK, the REST API and the README's examples.
 */
@ExtendWith(DemoStack.WithWorker.class)
class RunLifecycleST {
  private final DemoStack stack = DemoStack.withWorker();

  private static RunCreateParams params(String scenario, int timeoutSeconds) {
    return RunCreateParams.builder()
        .model("claude-sonnet-4-5")
        .input("Write hello.txt")
        .timeoutSeconds(timeoutSeconds)
        .putMetadata("sim.scenario", scenario)
        .putMetadata("sim.step-ms", "20")
        .build();
  }

  @Test
  void aRun_goesFromQueuedToSucceeded_withEventsAndUsage_andItsKeyIsNowhere() throws Exception {
    String key = "sk-ant-lifecycle-CANARY-" + UUID.randomUUID();
    AntpathClient client = stack.client(key);
    Run run = client.runs().create(params("success", 300));
    List<String> seen = new ArrayList<>();
    Run done =
        client.runs().followEvents(run.id(), Duration.ofSeconds(60), e -> seen.add(e.type()));
    assertThat(done.status().value()).isEqualTo("succeeded");
    assertThat(done.startedAt()).isNotNull();
    assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
    assertThat(seen)
        .contains("user.message", "session.status_running", "agent.message", "session.status_idle");
    List<RunEvent> events = client.runs().events(run.id()).stream().toList();
    assertThat(events.toString()).doesNotContain("Write hello.txt");
    assertThat(
            sql(
                "select sum(input_tokens), sum(output_tokens) from usage_ledger where run_id = ?::uuid",
                run.id()))
        .isEqualTo("1200,340");
    // The session's output was captured before the run was reported terminal.
    assertThat(client.runs().outputs(run.id()).outputs())
        .extracting(o -> o.filename())
        .containsExactly("hello.txt");
    // Then the cleanup leaves nothing on the provider and destroys the run's vault entry.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!client.runs().retrieve(run.id()).cleanupStatus().value().equals("done")) {
      assertThat(System.nanoTime()).as("cleanup done in time").isLessThan(deadline);
      sleep(100);
    }
    for (String kind : List.of("agent", "environment", "session")) {
      assertThat(stack.sim.live(kind, "antpath.run", run.id())).as(kind).isZero();
    }
    assertThat(
            sql(
                "with r as (select ?::uuid as id)"
                    + " select (select count(*) from vault_entries v, r where v.run_id = r.id),"
                    + " (select x.execution_secret_id::text from runs x, r where x.id = r.id)",
                run.id()))
        .isEqualTo("0,null");

    for (String table :
        List.of(
            "runs",
            "run_events",
            "run_attempts",
            "provider_resources",
            "usage_ledger",
            "audit_log")) {
      assertThat(stack.rowsAsJson(table)).as(table).noneMatch(row -> row.contains(key));
    }
    assertThat(stack.server.log()).doesNotContain(key);
  }

  @Test
  void outputs_downloadThroughSignedLinks_withRanges_andTamperedOrForeignLinksFail(
      @TempDir Path dir) throws Exception {
    AntpathClient client = stack.client("sk-ant-outputs-" + UUID.randomUUID());
    Run run =
        client
            .runs()
            .create(
                RunCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .input("Write a report")
                    .putMetadata("sim.step-ms", "20")
                    .putMetadata(
                        "sim.files", "reports/summary.md:1000,data.bin:200000,../evil.txt:3")
                    .build());
    assertThat(client.runs().waitForCompletion(run.id(), Duration.ofSeconds(60)).status().value())
        .isEqualTo("succeeded");
    RunOutputs outputs = client.runs().outputs(run.id());
    assertThat(outputs.outputs())
        .extracting(RunOutputs.Output::filename)
        .containsExactlyInAnyOrder("reports/summary.md", "data.bin", "evil.txt");
    assertThat(outputs.failures()).isEmpty();

    // The SDK streams each one through a fresh link; what arrives is what was captured.
    for (RunOutputs.Output o : outputs.outputs()) {
      Path target = dir.resolve(o.filename());
      assertThat(client.runs().download(run.id(), o.id(), target)).isEqualTo(o.sizeBytes());
      assertThat(
              java.util.HexFormat.of()
                  .formatHex(
                      java.security.MessageDigest.getInstance("SHA-256")
                          .digest(Files.readAllBytes(target))))
          .isEqualTo(o.sha256());
    }

    RunOutputs.Output md =
        outputs.outputs().stream()
            .filter(o -> o.filename().equals("reports/summary.md"))
            .findFirst()
            .orElseThrow();
    String url = client.runs().createLink(run.id(), md.id()).url();
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<byte[]> whole =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.headers().firstValue("content-type")).hasValue("text/markdown");
    assertThat(whole.headers().firstValue("content-disposition"))
        .hasValue("attachment; filename=\"summary.md\"; filename*=UTF-8''summary.md");
    assertThat(whole.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(whole.body()).hasSize(1000);

    java.net.http.HttpResponse<byte[]> part =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Range", "bytes=10-19")
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("content-range")).hasValue("bytes 10-19/1000");
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(whole.body(), 10, 20));
    java.net.http.HttpResponse<String> pastTheEnd =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Range", "bytes=5000-")
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(pastTheEnd.statusCode()).isEqualTo(416);
    assertThat(pastTheEnd.headers().firstValue("content-type"))
        .hasValue("application/problem+json");
    assertThat(pastTheEnd.headers().firstValue("content-range")).hasValue("bytes */1000");
    assertThat(pastTheEnd.body()).contains("\"code\":\"range_not_satisfiable\"");

    // Tampered: another expiry, another output, another workspace.
    String later = url.replaceAll("expires=(\\d+)", "expires=9$1");
    String otherOutput =
        url.replace(
            md.id(),
            outputs.outputs().get(0).id().equals(md.id())
                ? outputs.outputs().get(1).id()
                : outputs.outputs().get(0).id());
    String otherWorkspace =
        url.replaceAll("downloads/[0-9a-f-]{36}/", "downloads/" + UUID.randomUUID() + "/");
    for (String bad : List.of(later, otherOutput, otherWorkspace)) {
      java.net.http.HttpResponse<String> r =
          http.send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(bad)).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(bad).isEqualTo(403);
      assertThat(r.body()).contains("\"code\":\"link_invalid\"");
    }
    // Another workspace's token cannot even ask for a link.
    AntpathClient other =
        AntpathClient.builder()
            .baseUrl(stack.server.baseUri().toString())
            .apiToken(stack.otherToken)
            .build();
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> other.runs().createLink(run.id(), md.id())))
        .isInstanceOf(io.antpath.sdk.errors.NotFoundException.class);
    assertThat(
            sql(
                "select count(*), min(action) from audit_log where action = 'output.link' and target_id = ?",
                md.id()))
        .startsWith("2,");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "success,       300, succeeded, ,",
    "rate-limit,    300, succeeded, ,",
    "server-errors, 300, succeeded, ,",
    "drop-connections, 300, succeeded, ,",
    "fail,          300, failed,    provider_permanent, session_failed",
    "revoke-key,    300, failed,    tenant_permanent, provider_authentication_error",
    "slow,          2,   timed_out, , timed_out"
  })
  void everyErrorClass_endsTheRunAsItShould(
      String scenario, int timeout, String status, String errorClass, String code) {
    AntpathClient client = stack.client("sk-ant-classes-" + UUID.randomUUID());
    Run run = client.runs().create(params(scenario, timeout));
    Run done = client.runs().waitForCompletion(run.id(), Duration.ofSeconds(60));
    assertThat(done.status().value()).as(scenario + ": " + done).isEqualTo(status);
    assertThat(done.failureInfo().map(Run.Failure::errorClass).map(c -> c.value()).orElse(null))
        .isEqualTo(errorClass);
    assertThat(done.failureInfo().map(Run.Failure::code).orElse(null)).isEqualTo(code);
  }

  @Test
  void cancellingARunningRun_stopsItsSession() {
    AntpathClient client = stack.client("sk-ant-cancel-" + UUID.randomUUID());
    Run run = client.runs().create(params("slow", 300));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!client.runs().retrieve(run.id()).status().value().equals("running")) {
      assertThat(System.nanoTime()).as("running in time").isLessThan(deadline);
      sleep(100);
    }
    client.runs().cancel(run.id());
    assertThat(client.runs().waitForCompletion(run.id(), Duration.ofSeconds(30)).status().value())
        .isEqualTo("canceled");
  }

  @Test
  void theReadmeExamples_runAndShowWhatTheySay(@TempDir Path dir) throws Exception {
    String section = DocExamples.section("README.md", "## Run an agent");
    assertThat(DocExamples.runBash(section, stack, dir, 120)).isEqualTo(3);

    // The Java example, as a single-file program on the SDK's class path.
    List<String> java = DocExamples.blocks(section, "java");
    assertThat(java).hasSize(1);
    Files.writeString(dir.resolve("RunHello.java"), java.get(0));
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String out =
        DocExamples.run(
            dir,
            120,
            "env",
            "ANTPATH_BASE_URL=" + stack.server.baseUri(),
            "ANTPATH_DEMO_TOKEN=" + stack.demoToken,
            javaBin,
            "-cp",
            System.getProperty("java.class.path"),
            "RunHello.java");
    assertThat(out).contains("session.status_idle").endsWith("succeeded\n");
  }

  private String sql(String query, String arg) throws Exception {
    try (Connection c = stack.db.connect();
        PreparedStatement ps = c.prepareStatement(query)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1) + "," + rs.getString(2);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
