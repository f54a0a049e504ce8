package io.antpath.sdk.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.RawResponse;
import io.antpath.sdk.RequestOptions;
import io.antpath.sdk.errors.AntpathServiceException;
import io.antpath.sdk.errors.BadRequestException;
import io.antpath.sdk.errors.ConflictException;
import io.antpath.sdk.errors.IdempotencyConflictException;
import io.antpath.sdk.errors.InternalServerException;
import io.antpath.sdk.errors.NotFoundException;
import io.antpath.sdk.errors.PermissionDeniedException;
import io.antpath.sdk.errors.QuotaExceededException;
import io.antpath.sdk.errors.RateLimitException;
import io.antpath.sdk.errors.RunTerminalException;
import io.antpath.sdk.errors.RunWaitTimeoutException;
import io.antpath.sdk.errors.UnauthorizedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Contract tests of the runs service against a scripted fake server. */
class RunsServiceTest {
  private static final String SECRET = "sk-ant-SDK-CANARY-123";
  private static final String RUN =
      "{\"id\":\"r1\",\"status\":\"queued\",\"cleanupStatus\":\"pending\","
          + "\"createdAt\":\"2026-11-24T18:00:00Z\",\"timeoutSeconds\":600,\"metadata\":{\"team\":\"blue\"},\"extra\":1}";

  private record Reply(int status, String body, String retryAfter) {}

  private record Seen(
      String method,
      String path,
      String idempotencyKey,
      String body,
      String authorization,
      com.sun.net.httpserver.Headers headers) {}

  private HttpServer server;
  private final Deque<Reply> replies = new ArrayDeque<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<String> telemetry = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(
        new Seen(
            ex.getRequestMethod(),
            ex.getRequestURI().toString(),
            ex.getRequestHeaders().getFirst("Idempotency-Key"),
            body,
            ex.getRequestHeaders().getFirst("Authorization"),
            ex.getRequestHeaders()));
    Reply reply = replies.isEmpty() ? new Reply(200, RUN, null) : replies.poll();
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("X-Request-Id", "req-9");
    if (reply.status() == 201) {
      ex.getResponseHeaders().add("Location", "/api/v1/runs/r1");
    }
    if (reply.retryAfter() != null) {
      ex.getResponseHeaders().add("Retry-After", reply.retryAfter());
    }
    ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private AntpathClient client() {
    return AntpathClient.builder()
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
        .apiToken("apt_token")
        .defaultSecrets(RunSecrets.of(SECRET))
        .sleeper(sleeps::add)
        .pollInterval(Duration.ofMillis(250))
        .retryListener(
            (attempt, status, delay, method, path) ->
                telemetry.add(attempt + " " + status + " " + method + " " + path))
        .build();
  }

  private static RunCreateParams params() {
    return RunCreateParams.builder()
        .model("claude-sonnet-4-5")
        .input("hello")
        .putMetadata("team", "blue")
        .build();
  }

  private static String problem(String code) {
    return "{\"type\":\"x\",\"title\":\"t\",\"status\":0,\"detail\":\"because\",\"code\":\""
        + code
        + "\",\"requestId\":\"req-9\"}";
  }

  @Test
  void create_sendsTheSecretsOnce_andReusesOneIdempotencyKeyAcrossRetries() {
    replies.add(new Reply(503, problem("internal_error"), null));
    replies.add(new Reply(201, RUN, null));
    Run run = client().runs().create(params());
    assertThat(run.id()).isEqualTo("r1");
    assertThat(run.metadata()).containsEntry("team", "blue");
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).idempotencyKey()).isNotBlank().isEqualTo(seen.get(1).idempotencyKey());
    assertThat(seen.get(0).body()).contains(SECRET).contains("\"model\":\"claude-sonnet-4-5\"");
    assertThat(sleeps).hasSize(1);
    assertThat(telemetry).containsExactly("1 503 POST api/v1/runs");
    assertThat(String.join(" ", telemetry)).doesNotContain(SECRET);
  }

  @Test
  void eachLogicalCreate_getsItsOwnKey_unlessTheCallerSetsOne() {
    client().runs().create(params());
    client().runs().create(params());
    client()
        .runs()
        .create(
            params(),
            RunSecrets.of("sk-ant-other"),
            io.antpath.sdk.RequestOptions.builder().idempotencyKey("my-key").build());
    assertThat(seen.get(0).idempotencyKey()).isNotEqualTo(seen.get(1).idempotencyKey());
    assertThat(seen.get(2).idempotencyKey()).isEqualTo("my-key");
    assertThat(seen.get(2).body()).contains("sk-ant-other").doesNotContain(SECRET);
  }

  @Test
  void rateLimit_honoursRetryAfter_thenGivesUpWithTheTypedException() {
    for (int i = 0; i < 3; i++) {
      replies.add(new Reply(429, problem("rate_limited"), "7"));
    }
    assertThatThrownBy(() -> client().runs().retrieve("r1"))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
              assertThat(e.requestId()).contains("req-9");
              assertThat(e.code()).contains("rate_limited");
            });
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
  }

  @Test
  void serverErrors_backOffExponentiallyWithJitter() {
    for (int i = 0; i < 3; i++) {
      replies.add(new Reply(500, problem("internal_error"), null));
    }
    assertThatThrownBy(() -> client().runs().retrieve("r1"))
        .isInstanceOf(InternalServerException.class);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
    assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
  }

  @ParameterizedTest
  @CsvSource({
    "400, invalid_request, io.antpath.sdk.errors.BadRequestException",
    "401, invalid_token, io.antpath.sdk.errors.UnauthorizedException",
    "403, forbidden, io.antpath.sdk.errors.PermissionDeniedException",
    "404, not_found, io.antpath.sdk.errors.NotFoundException",
    "409, idempotency_conflict, io.antpath.sdk.errors.IdempotencyConflictException",
    "409, run_terminal, io.antpath.sdk.errors.RunTerminalException",
    "409, quota_exceeded, io.antpath.sdk.errors.QuotaExceededException",
    "409, last_owner, io.antpath.sdk.errors.ConflictException"
  })
  void statuses_mapToOneExceptionPerOutcome_withoutRetrying(int status, String code, String type)
      throws Exception {
    replies.add(new Reply(status, problem(code), null));
    assertThatThrownBy(() -> client().runs().create(params()))
        .isInstanceOf(Class.forName(type))
        .isInstanceOfSatisfying(
            AntpathServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(status);
              assertThat(e.code()).contains(code);
              assertThat(e.getMessage()).contains("req-9").contains(code).doesNotContain(SECRET);
            });
    assertThat(seen).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void list_autoPagesAcrossPages() {
    replies.add(
        new Reply(
            200,
            "{\"items\":[" + RUN + "," + RUN.replace("r1", "r2") + "],\"nextCursor\":\"c2\"}",
            null));
    replies.add(
        new Reply(200, "{\"items\":[" + RUN.replace("r1", "r3") + "],\"nextCursor\":null}", null));
    List<String> ids =
        client().runs().list(RunListParams.builder().limit(2).build()).stream()
            .map(Run::id)
            .toList();
    assertThat(ids).containsExactly("r1", "r2", "r3");
    assertThat(seen.get(1).path()).isEqualTo("/api/v1/runs?limit=2&cursor=c2");
  }

  @Test
  void secrets_neverAppearInToStrings() {
    RunSecrets secrets =
        RunSecrets.of(SECRET)
            .withMcpBearer(McpServer.of("docs", "https://mcp.example.com/sse"), "mcp-token-xyz");
    assertThat(secrets.toString())
        .doesNotContain(SECRET)
        .doesNotContain("mcp-token-xyz")
        .contains("docs");
    assertThat(params().toString()).doesNotContain(SECRET);
    assertThat(client().toString()).doesNotContain("apt_token");
  }

  @Test
  void typedExceptions_shareOneRoot() {
    assertThat(new BadRequestException(400, null, null, null, ""))
        .isInstanceOf(AntpathServiceException.class);
    assertThat(new IdempotencyConflictException(409, null, null, null, ""))
        .isInstanceOf(ConflictException.class);
    assertThat(new NotFoundException(404, null, null, null, ""))
        .isInstanceOf(io.antpath.sdk.errors.AntpathException.class);
    assertThat(new UnauthorizedException(401, null, null, null, ""))
        .isNotInstanceOf(PermissionDeniedException.class);
    assertThat(new RunTerminalException(409, null, null, null, ""))
        .isNotInstanceOf(QuotaExceededException.class);
  }

  private static String run(String id, String status) {
    return RUN.replace("r1", id).replace("queued", status);
  }

  private static String event(long id, String type) {
    return "{\"id\":"
        + id
        + ",\"type\":\""
        + type
        + "\",\"occurredAt\":\"2026-11-24T18:00:0"
        + id
        + "Z\",\"data\":{\"tokens\":"
        + id
        + "}}";
  }

  @Test
  void waitForCompletion_pollsAtTheIntervalUntilTheRunIsTerminal() {
    replies.add(new Reply(200, run("r1", "starting"), null));
    replies.add(new Reply(200, run("r1", "running"), null));
    replies.add(new Reply(200, run("r1", "succeeded"), null));
    Run done = client().runs().waitForCompletion("r1", Duration.ofMinutes(1));
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
  }

  @Test
  void waitForCompletion_givesUpWithTheLastStatusWhenTheTimeoutPasses() {
    replies.add(new Reply(200, run("r1", "running"), null));
    assertThatThrownBy(() -> client().runs().waitForCompletion("r1", Duration.ZERO))
        .isInstanceOfSatisfying(
            RunWaitTimeoutException.class,
            e -> {
              assertThat(e.lastStatus()).isEqualTo(RunStatus.RUNNING);
              assertThat(e.runId()).isEqualTo("r1");
            });
  }

  @Test
  void events_pageByTheLastEventId() {
    replies.add(
        new Reply(
            200,
            "{\"items\":["
                + event(1, "session.status_running")
                + ","
                + event(2, "agent.message")
                + "],\"nextAfter\":2}",
            null));
    replies.add(
        new Reply(
            200, "{\"items\":[" + event(3, "session.status_idle") + "],\"nextAfter\":3}", null));
    List<RunEvent> events =
        client().runs().events("r1", RunEventListParams.builder().limit(2).build()).stream()
            .toList();
    assertThat(events).extracting(RunEvent::id).containsExactly(1L, 2L, 3L);
    assertThat(events.get(1).type()).isEqualTo("agent.message");
    assertThat(events.get(2).data()).containsEntry("tokens", 3);
    assertThat(seen)
        .extracting(Seen::path)
        .containsExactly(
            "/api/v1/runs/r1/events?after=0&limit=2", "/api/v1/runs/r1/events?after=2&limit=2");
  }

  @Test
  void followEvents_onAServerWithoutTheEventStream_pollsEachEventOnce() {
    replies.add(new Reply(404, problem("not_found"), null)); // GET .../events/stream
    replies.add(new Reply(200, run("r1", "running"), null));
    replies.add(
        new Reply(
            200, "{\"items\":[" + event(1, "session.status_running") + "],\"nextAfter\":1}", null));
    replies.add(new Reply(200, run("r1", "succeeded"), null));
    replies.add(
        new Reply(
            200, "{\"items\":[" + event(2, "session.status_idle") + "],\"nextAfter\":2}", null));
    List<Long> delivered = new ArrayList<>();
    Run done =
        client().runs().followEvents("r1", Duration.ofMinutes(1), e -> delivered.add(e.id()));
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(delivered).containsExactly(1L, 2L);
    assertThat(seen.get(0).path()).isEqualTo("/api/v1/runs/r1/events/stream");
    assertThat(seen.get(4).path()).isEqualTo("/api/v1/runs/r1/events?after=1&limit=500");
    assertThat(sleeps).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void outputs_returnSuccessesAndFailuresSideBySide() {
    replies.add(
        new Reply(
            200,
            "{\"outputs\":[{\"id\":\"o1\",\"filename\":\"a.txt\",\"sizeBytes\":3,\"sha256\":\"ab\","
                + "\"contentType\":\"text/plain\",\"createdAt\":\"2026-11-24T18:00:00Z\"}],"
                + "\"failures\":[{\"filename\":\"big.bin\",\"sizeBytes\":99,\"reason\":\"workspace_quota_exceeded\","
                + "\"detail\":null,\"createdAt\":\"2026-11-24T18:00:00Z\"}]}",
            null));
    RunOutputs outputs = client().runs().outputs("r1");
    assertThat(outputs.outputs()).extracting(RunOutputs.Output::filename).containsExactly("a.txt");
    assertThat(outputs.failures())
        .extracting(RunOutputs.CaptureFailure::reason)
        .containsExactly(CaptureFailureReason.WORKSPACE_QUOTA_EXCEEDED);
  }

  static String outputs(String id, String name, String content) {
    return "{\"outputs\":[{\"id\":\""
        + id
        + "\",\"filename\":\""
        + name
        + "\",\"sizeBytes\":"
        + content.length()
        + ",\"sha256\":\""
        + sha256(content)
        + "\",\"contentType\":\"text/plain\",\"createdAt\":\"2026-11-24T18:00:00Z\"}],"
        + "\"failures\":[]}";
  }

  static String sha256(String content) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void download_streamsThroughASignedLink_withoutSendingTheToken(@TempDir Path dir)
      throws IOException {
    replies.add(new Reply(200, outputs("o1", "out.txt", "file body"), null));
    replies.add(
        new Reply(
            200,
            "{\"url\":\"/api/v1/links/abc?sig=s3cr3t\",\"expiresAt\":\"2026-11-24T19:00:00Z\"}",
            null));
    replies.add(new Reply(200, "file body", null));
    Path target = dir.resolve("reports/2026/out.txt"); // folders in an output's name are created
    long size = client().runs().download("r1", "o1", target);
    assertThat(size).isEqualTo(9);
    assertThat(Files.readString(target)).isEqualTo("file body");
    assertThat(seen.get(1).method()).isEqualTo("POST");
    assertThat(seen.get(1).path()).isEqualTo("/api/v1/runs/r1/outputs/o1/link");
    assertThat(seen.get(1).authorization()).isEqualTo("Bearer apt_token");
    assertThat(seen.get(2).path()).isEqualTo("/api/v1/links/abc?sig=s3cr3t");
    assertThat(seen.get(2).authorization()).isNull();
    try (var files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void download_retriesA429_afterItsRetryAfter(@TempDir Path dir) {
    replies.add(new Reply(200, outputs("o1", "out.txt", "late body"), null));
    replies.add(new Reply(200, "{\"url\":\"/api/v1/links/abc\",\"expiresAt\":null}", null));
    replies.add(new Reply(429, problem("rate_limited"), "3"));
    replies.add(new Reply(200, "late body", null));
    assertThat(client().runs().download("r1", "o1", dir.resolve("out.txt"))).isEqualTo(9);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void download_thatFails_leavesNoFileBehind(@TempDir Path dir) throws IOException {
    replies.add(new Reply(200, outputs("o1", "out.txt", "file body"), null));
    replies.add(new Reply(200, "{\"url\":\"/api/v1/links/abc\",\"expiresAt\":null}", null));
    replies.add(new Reply(403, problem("link_expired"), null));
    Path target = dir.resolve("out.txt");
    assertThatThrownBy(() -> client().runs().download("r1", "o1", target))
        .isInstanceOf(PermissionDeniedException.class);
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void download_withRequestOptions_usesTheirRetriesAndHeaders_butSendsNoHeaderToTheLink(
      @TempDir Path dir) throws IOException {
    replies.add(new Reply(200, outputs("o1", "out.txt", "file body"), null));
    replies.add(new Reply(200, "{\"url\":\"/api/v1/links/abc\",\"expiresAt\":null}", null));
    replies.add(new Reply(503, problem("internal_error"), null));
    RequestOptions once =
        RequestOptions.builder()
            .maxRetries(0)
            .putHeader("X-Trace", "t-1")
            .idempotencyKey("not-for-links")
            .build();
    Path target = dir.resolve("out.txt");
    assertThatThrownBy(() -> client().runs().download("r1", "o1", target, once))
        .isInstanceOf(InternalServerException.class);
    assertThat(sleeps).as("maxRetries(0): the 503 is not retried").isEmpty();
    assertThat(seen.get(0).headers().getFirst("X-Trace")).isEqualTo("t-1");
    assertThat(seen.get(1).headers().getFirst("X-Trace")).isEqualTo("t-1");
    assertThat(seen.get(1).idempotencyKey()).isNotEqualTo("not-for-links");
    assertThat(seen.get(2).headers().getFirst("X-Trace")).isNull();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void downloadAll_withRequestOptions_appliesThemToEveryCall(@TempDir Path dir) throws IOException {
    replies.add(new Reply(200, outputs("o1", "a.txt", "aaa"), null));
    replies.add(new Reply(200, "{\"url\":\"/api/v1/links/a\",\"expiresAt\":null}", null));
    replies.add(new Reply(200, "aaa", null));
    client()
        .runs()
        .downloadAll("r1", dir, RequestOptions.builder().putHeader("X-Trace", "t-2").build());
    assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("aaa");
    assertThat(seen)
        .extracting(x -> x.headers().getFirst("X-Trace"))
        .containsExactly("t-2", "t-2", null);
  }

  @Test
  void serviceErrors_carryTheResponseHeaders() {
    replies.add(new Reply(429, problem("rate_limited"), "120"));
    assertThatThrownBy(() -> client().runs().retrieve("r1"))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.header("retry-after")).contains("120");
              assertThat(e.header("X-REQUEST-ID")).contains("req-9");
              assertThat(e.headers()).containsKey("Retry-After");
              assertThat(e.header("X-Missing")).isEmpty();
            });
    replies.add(new Reply(404, problem("not_found"), null));
    assertThatThrownBy(() -> client().runs().retrieve("r1"))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.header("X-Request-Id")).contains("req-9"));
  }

  @Test
  void outputLink_toStringHidesTheSignedUrl() {
    assertThat(new OutputLink("https://x/y?sig=s3cr3t", null).toString()).doesNotContain("s3cr3t");
  }

  // --- params, enums, secrets -------------------------------------------------------------

  @Test
  void list_sendsEveryFilter_andKeepsThemOnLaterPages() {
    replies.add(new Reply(200, "{\"items\":[" + RUN + "],\"nextCursor\":\"c+2\"}", null));
    replies.add(new Reply(200, "{\"items\":[" + run("r2", "running") + "]}", null));
    RunListParams params =
        RunListParams.builder()
            .status(RunStatus.RUNNING)
            .metadata("team", "blue green")
            .createdFrom(java.time.Instant.parse("2026-11-01T00:00:00Z"))
            .createdBefore(java.time.Instant.parse("2026-12-01T00:00:00Z"))
            .limit(100)
            .build();
    assertThat(client().runs().list(params).stream().map(Run::id)).containsExactly("r1", "r2");
    String filters =
        "&status=running&metadata=team%3Ablue+green&createdFrom=2026-11-01T00%3A00%3A00Z"
            + "&createdBefore=2026-12-01T00%3A00%3A00Z";
    assertThat(seen)
        .extracting(Seen::path)
        .containsExactly(
            "/api/v1/runs?limit=100" + filters, "/api/v1/runs?limit=100&cursor=c%2B2" + filters);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {0, -1, 101, 200})
  void listParams_refuseAPageSizeOutsideOneToAHundred_beforeAnyCall(int limit) {
    assertThatThrownBy(() -> RunListParams.builder().limit(limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1-100")
        .hasMessageContaining("stream().limit(n)");
    assertThat(seen).isEmpty();
  }

  @Test
  void valuesThisSdkDoesNotKnow_becomeUnknown_andEveryFieldIsRead() {
    replies.add(
        new Reply(
            200,
            "{\"id\":\"r1\",\"status\":\"paused\",\"cleanupStatus\":\"later\",\"createdAt\":\"2026-11-24T18:00:00Z\","
                + "\"timeoutSeconds\":60,\"caps\":{\"tier\":\"free\",\"maxConcurrentRuns\":2,\"storageCapBytes\":1000,"
                + "\"outputSafetyCapBytes\":500,\"maxTimeoutSeconds\":3600},\"metadata\":{},"
                + "\"request\":{\"agent\":{\"model\":\"m\"},\"input\":\"hi\"},"
                + "\"failure\":{\"errorClass\":\"cosmic_rays\",\"code\":\"x\",\"message\":\"m\"}}",
            null));
    Run run = client().runs().retrieve("r1");
    assertThat(run.status()).isEqualTo(RunStatus.UNKNOWN);
    assertThat(run.isTerminal()).isFalse();
    assertThat(run.cleanupStatus()).isEqualTo(CleanupStatus.UNKNOWN);
    assertThat(run.failureInfo().orElseThrow().errorClass()).isEqualTo(FailureClass.UNKNOWN);
    assertThat(run.caps().maxTimeoutSeconds()).isEqualTo(3600);
    assertThat(run.caps().tier()).isEqualTo("free");
    assertThat(run.request()).containsEntry("input", "hi");
    assertThat(RunStatus.of("timed_out")).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(RunStatus.TIMED_OUT.toString()).isEqualTo("timed_out");
    assertThat(io.antpath.sdk.errors.ErrorCode.of("run_terminal"))
        .isEqualTo(io.antpath.sdk.errors.ErrorCode.RUN_TERMINAL);
  }

  @Test
  void create_withoutAnySecrets_isAClearSdkException_andSendsNothing() {
    AntpathClient noSecrets =
        AntpathClient.builder()
            .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
            .apiToken("apt_token")
            .build();
    assertThatThrownBy(() -> noSecrets.runs().create(params()))
        .isInstanceOf(io.antpath.sdk.errors.MissingCredentialsException.class)
        .isInstanceOf(io.antpath.sdk.errors.AntpathException.class)
        .hasMessageContaining("defaultSecrets")
        .hasMessageContaining("ANTHROPIC_API_KEY");
    assertThat(seen).isEmpty();
  }

  @Test
  void create_sendsEachMcpServerWithItsCredential_underOneName() {
    McpServer docs = McpServer.of("docs", "https://mcp.example.com/sse");
    RunCreateParams params =
        RunCreateParams.builder()
            .model("claude-sonnet-4-5")
            .system("Be brief.")
            .addMcpServer(docs)
            .addTool(java.util.Map.of("type", "mcp_toolset", "mcp_server_name", "docs"))
            .addSkill(Skill.anthropic("xlsx"))
            .environment(java.util.Map.of("networking", java.util.Map.of("type", "unrestricted")))
            .inputBlocks(List.of(java.util.Map.of("type", "text", "text", "hello")))
            .timeout(Duration.ofMillis(1500))
            .retainClaudeSession(true)
            .putAdditionalBodyProperty("futureField", 7)
            .build();
    client()
        .runs()
        .create(
            params,
            RunSecrets.of(SECRET)
                .withMcpBearer(docs, "mcp-token-xyz")
                .withSkill(Skill.custom("skill_private", "3")));
    String body = seen.get(0).body();
    assertThat(body)
        .contains("\"system\":\"Be brief.\"")
        .contains("\"mcpServers\":[{\"name\":\"docs\",\"url\":\"https://mcp.example.com/sse\"}]")
        .contains("\"tools\":[{")
        .contains("\"skills\":[{\"type\":\"anthropic\",\"skill_id\":\"xlsx\"}]")
        .contains("\"environment\":{\"networking\":{\"type\":\"unrestricted\"}}")
        .contains("\"input\":[{")
        .contains("\"timeoutSeconds\":2")
        .contains("\"cleanup\":{\"claudeSession\":\"retain\"}")
        .contains("\"futureField\":7")
        .contains("\"mcpCredentials\":{\"docs\":{\"type\":\"bearer\",\"token\":\"mcp-token-xyz\"}}")
        .contains("\"skill_id\":\"skill_private\",\"version\":\"3\"");
    assertThat(params.toString()).doesNotContain("hello").contains("docs");
    assertThat(params.toBuilder().model("other").build().mcpServers()).containsExactly(docs);
  }

  @Test
  void create_refusesACredentialForAServerTheParamsDoNotDeclare() {
    McpServer undeclared = McpServer.of("docs", "https://mcp.example.com/sse");
    assertThatThrownBy(
            () ->
                client()
                    .runs()
                    .create(params(), RunSecrets.of(SECRET).withMcpBearer(undeclared, "tok")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'docs'")
        .hasMessageNotContaining("tok");
    assertThat(seen).isEmpty();
    assertThatThrownBy(() -> McpServer.of("docs", "http://plain.example.com"))
        .hasMessageContaining("https");
  }

  // --- request options, raw responses, retries ---------------------------------------------

  @Test
  void requestOptions_setHeadersRetriesAndKey_perCall_andWithOptionsPerClient() {
    replies.add(new Reply(503, problem("internal_error"), null));
    RequestOptions once =
        RequestOptions.builder()
            .maxRetries(0)
            .putHeader("X-Request-Id", "req_myapp_1")
            .idempotencyKey("order-42")
            .timeout(Duration.ofSeconds(5))
            .build();
    assertThatThrownBy(() -> client().runs().create(params(), once))
        .isInstanceOf(InternalServerException.class);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).idempotencyKey()).isEqualTo("order-42");
    assertThat(seen.get(0).headers().getFirst("X-Request-Id")).isEqualTo("req_myapp_1");
    assertThat(seen.get(0).headers().getFirst("User-Agent")).startsWith("antpath-java/");

    replies.add(new Reply(503, problem("internal_error"), null));
    AntpathClient impatient = client().withOptions(o -> o.maxRetries(0).putHeader("X-Team", "b"));
    assertThatThrownBy(() -> impatient.runs().retrieve("r1"))
        .isInstanceOf(InternalServerException.class);
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1).headers().getFirst("X-Team")).isEqualTo("b");
    assertThat(impatient.options().maxRetries()).hasValue(0);
    assertThat(impatient.options().timeout()).hasValue(Duration.ofSeconds(30));
  }

  @Test
  void workspace_isNamedOnEveryApiCall_forSsoAccessTokens() {
    for (int i = 0; i < 3; i++) {
      replies.add(new Reply(200, RUN, null));
    }
    AntpathClient sso =
        AntpathClient.builder()
            .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
            .apiToken("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")
            .workspace("demo")
            .build();
    sso.runs().retrieve("r1");
    sso.withOptions(o -> o.putHeader("X-Team", "b")).runs().retrieve("r1");
    assertThat(seen)
        .extracting(s -> s.headers().getFirst("Antpath-Workspace"))
        .containsExactly("demo", "demo");
    assertThat(client().runs().retrieve("r1").id()).isEqualTo("r1");
    assertThat(seen.get(2).headers().containsKey("Antpath-Workspace")).isFalse();
    assertThatThrownBy(() -> AntpathClient.builder().workspace(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withRawResponse_givesStatusHeadersAndRequestId() {
    replies.add(new Reply(201, RUN, null));
    RawResponse<Run> created = client().runs().withRawResponse().create(params(), null, null);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.requestId()).contains("req-9");
    assertThat(created.header("location")).contains("/api/v1/runs/r1");
    assertThat(created.parse().id()).isEqualTo("r1");
    RawResponse<io.antpath.sdk.Page<Run>> page =
        client().runs().withRawResponse().list(RunListParams.none(), null);
    assertThat(page.statusCode()).isEqualTo(200);
  }

  @Test
  void retries408_andEveryPost_cancelAndLinkIncluded_keepsOneKeyAcrossRetries() {
    replies.add(new Reply(408, problem("request_timeout"), null));
    replies.add(new Reply(200, RUN, null));
    client().runs().cancel("r1");
    replies.add(new Reply(502, "", null));
    replies.add(new Reply(200, "{\"url\":\"/x\",\"expiresAt\":null}", null));
    client().runs().createLink("r1", "o1");
    assertThat(seen).extracting(Seen::idempotencyKey).doesNotContainNull();
    assertThat(seen.get(0).idempotencyKey()).isEqualTo(seen.get(1).idempotencyKey());
    assertThat(seen.get(2).idempotencyKey())
        .isEqualTo(seen.get(3).idempotencyKey())
        .isNotEqualTo(seen.get(0).idempotencyKey());
    assertThat(telemetry)
        .containsExactly(
            "1 408 POST api/v1/runs/r1/cancel", "1 502 POST api/v1/runs/r1/outputs/o1/link");
  }

  @Test
  void retryAfter_asAnHttpDate_isHonouredOnA503() {
    java.time.Instant now = java.time.Instant.parse("2026-12-01T12:00:00Z");
    AntpathClient fixed =
        AntpathClient.builder()
            .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
            .apiToken("apt_token")
            .sleeper(sleeps::add)
            .clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
            .build();
    replies.add(new Reply(503, problem("internal_error"), "Tue, 01 Dec 2026 12:00:12 GMT"));
    replies.add(new Reply(200, RUN, null));
    assertThat(fixed.runs().retrieve("r1").id()).isEqualTo("r1");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void aRetryAfterBeyondTheCap_isNotWaitedFor_butThrownAtOnce() {
    replies.add(new Reply(429, problem("rate_limited"), "3600"));
    assertThatThrownBy(() -> client().runs().retrieve("r1"))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
    assertThat(sleeps).isEmpty();
    assertThat(seen).hasSize(1);
  }

  // --- verified downloads ------------------------------------------------------------------

  @Test
  void download_whoseHashDiffers_failsAndLeavesNothing(@TempDir Path dir) throws IOException {
    replies.add(new Reply(200, outputs("o1", "out.txt", "file body"), null));
    replies.add(new Reply(200, "{\"url\":\"/api/v1/links/abc\",\"expiresAt\":null}", null));
    replies.add(new Reply(200, "file bodY", null));
    assertThatThrownBy(() -> client().runs().download("r1", "o1", dir.resolve("out.txt")))
        .isInstanceOf(io.antpath.sdk.errors.OutputIntegrityException.class)
        .hasMessageContaining("SHA-256");
    replies.add(new Reply(200, outputs("o1", "out.txt", "file body"), null));
    replies.add(new Reply(200, "{\"url\":\"/api/v1/links/abc\",\"expiresAt\":null}", null));
    replies.add(new Reply(200, "file bod", null));
    assertThatThrownBy(() -> client().runs().download("r1", "o1", dir.resolve("out.txt")))
        .isInstanceOf(io.antpath.sdk.errors.OutputIntegrityException.class)
        .hasMessageContaining("8 bytes downloaded, 9 announced");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void downloadAll_writesEveryOutputUnderItsName_andPassesFailuresOn(@TempDir Path dir)
      throws IOException {
    String two =
        outputs("o1", "hello.txt", "hi")
            .replace(
                "],\"failures\":[]",
                ","
                    + outputs("o2", "sub/notes.md", "# notes")
                        .substring(
                            "{\"outputs\":[".length(),
                            outputs("o2", "sub/notes.md", "# notes").indexOf("],\"failures\""))
                    + "],\"failures\":[{\"filename\":\"big.bin\",\"reason\":\"download_failed\"}]");
    replies.add(new Reply(200, two, null));
    replies.add(new Reply(200, "{\"url\":\"/l/1\",\"expiresAt\":null}", null));
    replies.add(new Reply(200, "hi", null));
    replies.add(new Reply(200, "{\"url\":\"/l/2\",\"expiresAt\":null}", null));
    replies.add(new Reply(200, "# notes", null));
    DownloadedOutputs result = client().runs().downloadAll("r1", dir);
    assertThat(result.files())
        .containsExactly(
            dir.toAbsolutePath().resolve("hello.txt"),
            dir.toAbsolutePath().resolve("sub/notes.md"));
    assertThat(Files.readString(dir.resolve("sub/notes.md"))).isEqualTo("# notes");
    assertThat(result.failures())
        .extracting(RunOutputs.CaptureFailure::reason)
        .containsExactly(CaptureFailureReason.DOWNLOAD_FAILED);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "../escape.txt",
        "/etc/passwd",
        "a/../../b",
        "a//b",
        "bell\u0007.txt",
        "c:\\x",
        "."
      })
  void downloadAll_refusesUnsafeNames_beforeWritingAnything(String name, @TempDir Path dir)
      throws IOException {
    replies.add(
        new Reply(
            200,
            outputs("o0", "fine.txt", "ok")
                .replace(
                    "],\"failures\"",
                    ","
                        + outputs("o1", "NAME", "x")
                            .substring(12, outputs("o1", "NAME", "x").indexOf("],\"failures\""))
                        + "],\"failures\"")
                .replace("NAME", name.replace("\\", "\\\\").replace("\u0007", "\\u0007")),
            null));
    assertThatThrownBy(() -> client().runs().downloadAll("r1", dir))
        .isInstanceOf(io.antpath.sdk.errors.UnsafeOutputNameException.class)
        .hasMessageNotContaining("\u0007");
    assertThat(seen).hasSize(1);
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
