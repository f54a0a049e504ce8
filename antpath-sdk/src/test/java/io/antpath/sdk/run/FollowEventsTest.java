package io.antpath.sdk.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.errors.NotFoundException;
import io.antpath.sdk.errors.RunWaitTimeoutException;
import io.antpath.sdk.errors.UnauthorizedException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code followEvents} against a fake server that streams Server-Sent Events as the real one does
 * (a {@code run.status} first and on each change, {@code run.event}s with their id, the end after
 * the terminal status), and that can break, fall silent, or not stream at all.
 */
class FollowEventsTest {
  private static final String STREAM = "/api/v1/runs/r1/events/stream";

  /** How a scripted stream ends: cleanly, with a broken connection, or not at all. */
  private enum End {
    CLEAN,
    BREAK,
    HANG
  }

  private record Script(int status, String contentType, List<String> parts, End end) {}

  private record Seen(String path, String lastEventId, String accept, String authorization) {}

  private HttpServer server;
  private ExecutorService executor;
  private final CountDownLatch release = new CountDownLatch(1);
  private final ConcurrentLinkedDeque<Script> streams = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<String> runs = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<String> eventPages = new ConcurrentLinkedDeque<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().toString();
    seen.add(
        new Seen(
            path,
            ex.getRequestHeaders().getFirst("Last-Event-ID"),
            ex.getRequestHeaders().getFirst("Accept"),
            ex.getRequestHeaders().getFirst("Authorization")));
    if (path.equals(STREAM)) {
      Script s = streams.poll();
      stream(ex, s != null ? s : new Script(404, "application/problem+json", List.of("{}"), null));
    } else if (path.equals("/api/v1/runs/r1")) {
      String run = runs.poll();
      reply(ex, run == null ? 404 : 200, run == null ? problem("not_found") : run);
    } else if (path.startsWith("/api/v1/runs/r1/events?")) {
      String page = eventPages.poll();
      reply(ex, 200, page == null ? "{\"items\":[],\"nextAfter\":null}" : page);
    } else {
      reply(ex, 404, problem("not_found"));
    }
  }

  private void stream(HttpExchange ex, Script s) throws IOException {
    ex.getResponseHeaders().add("Content-Type", s.contentType());
    byte[] all = String.join("", s.parts()).getBytes(StandardCharsets.UTF_8);
    if (s.end() == null) {
      ex.sendResponseHeaders(s.status(), all.length);
      ex.getResponseBody().write(all);
      ex.close();
      return;
    }
    // A BREAK announces more bytes than it sends: the client sees the connection fail mid-body.
    ex.sendResponseHeaders(s.status(), s.end() == End.BREAK ? all.length + 1000 : 0);
    OutputStream out = ex.getResponseBody();
    for (String part : s.parts()) {
      if (part.startsWith("PAUSE ")) {
        pace(Long.parseLong(part.substring(6)));
        continue;
      }
      out.write(part.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    if (s.end() == End.HANG) {
      awaitRelease();
    }
    ex.close();
  }

  /** The fake server's own pacing of what it sends (the code under test never waits on it). */
  private static void pace(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitRelease() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private AntpathClient client(Duration timeout) {
    return AntpathClient.builder()
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
        .apiToken("apt_token")
        .timeout(timeout)
        .sleeper(sleeps::add)
        .pollInterval(Duration.ofMillis(250))
        .build();
  }

  private AntpathClient client() {
    return client(Duration.ofSeconds(10));
  }

  private static String problem(String code) {
    return "{\"status\":404,\"code\":\"" + code + "\",\"requestId\":\"req-9\"}";
  }

  private static String run(String status) {
    return "{\"id\":\"r1\",\"status\":\"" + status + "\",\"cleanupStatus\":\"pending\"}";
  }

  private static String status(String status) {
    return "event: run.status\ndata: {\"status\":\""
        + status
        + "\",\"cleanupStatus\":\"pending\"}\n\n";
  }

  private static String event(long id, String type) {
    return "id: "
        + id
        + "\nevent: run.event\ndata: "
        + eventJson(id, type).replace("\n", "")
        + "\n\n";
  }

  private static String eventJson(long id, String type) {
    return "{\"id\":"
        + id
        + ",\"type\":\""
        + type
        + "\",\"occurredAt\":\"2026-11-24T18:00:01Z\",\"data\":{\"stopReason\":\"end_turn\"}}";
  }

  private static Script events(End end, String... parts) {
    return new Script(200, "text/event-stream", List.of(parts), end);
  }

  private List<Seen> streamRequests() {
    return seen.stream().filter(s -> s.path().equals(STREAM)).toList();
  }

  @Test
  void followEvents_readsTheStreamUntilTheRunEnds_withoutPolling() {
    streams.add(
        events(
            End.CLEAN,
            status("running"),
            ": heartbeat\n\n",
            event(1, "session.status_running"),
            event(2, "session.status_idle"),
            status("succeeded")));
    runs.add(run("succeeded"));
    List<RunEvent> delivered = new ArrayList<>();

    Run done = client().runs().followEvents("r1", Duration.ofMinutes(1), delivered::add);

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(delivered).extracting(RunEvent::id).containsExactly(1L, 2L);
    assertThat(delivered.get(1).data()).containsEntry("stopReason", "end_turn");
    assertThat(seen).extracting(Seen::path).containsExactly(STREAM, "/api/v1/runs/r1");
    assertThat(seen.get(0).accept()).isEqualTo("text/event-stream");
    assertThat(seen.get(0).lastEventId()).isNull();
    assertThat(seen.get(0).authorization()).isEqualTo("Bearer apt_token");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aBrokenStream_isResumedAfterTheLastEventId_andNoEventComesTwice() {
    streams.add(events(End.BREAK, status("running"), event(1, "a"), event(2, "b")));
    streams.add(
        events(
            End.CLEAN,
            status("running"),
            event(2, "b"), // a server that resends one is not believed
            event(3, "c"),
            status("succeeded")));
    runs.add(run("succeeded"));
    List<Long> delivered = new ArrayList<>();

    Run done =
        client().runs().followEvents("r1", Duration.ofMinutes(1), e -> delivered.add(e.id()));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(delivered).containsExactly(1L, 2L, 3L);
    assertThat(streamRequests()).extracting(Seen::lastEventId).containsExactly(null, "2");
    assertThat(sleeps).as("a productive connection is reopened at once").isEmpty();
  }

  @Test
  void aStreamSilentForLongerThanTheTimeout_isReopenedWhereItStopped() {
    streams.add(events(End.HANG, status("running"), event(1, "a")));
    streams.add(events(End.CLEAN, status("running"), event(2, "b"), status("failed")));
    runs.add(run("failed"));
    List<Long> delivered = new ArrayList<>();

    Run done =
        client(Duration.ofMillis(300))
            .runs()
            .followEvents("r1", Duration.ofMinutes(1), e -> delivered.add(e.id()));

    assertThat(done.status()).isEqualTo(RunStatus.FAILED);
    assertThat(delivered).containsExactly(1L, 2L);
    assertThat(streamRequests()).extracting(Seen::lastEventId).containsExactly(null, "1");
  }

  @Test
  void heartbeats_keepALongQuietStreamOpen_pastTheRequestTimeout() {
    streams.add(
        events(
            End.CLEAN,
            status("running"),
            "PAUSE 200",
            ": heartbeat\n\n",
            "PAUSE 200",
            ": heartbeat\n\n",
            "PAUSE 200",
            ": heartbeat\n\n",
            event(1, "a"),
            status("succeeded")));
    runs.add(run("succeeded"));
    List<Long> delivered = new ArrayList<>();

    client(Duration.ofMillis(400))
        .runs()
        .followEvents("r1", Duration.ofMinutes(1), e -> delivered.add(e.id()));

    assertThat(delivered).containsExactly(1L);
    assertThat(streamRequests()).as("one connection for 600 ms with a 400 ms timeout").hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({
    "404, application/problem+json",
    "406, application/problem+json",
    "501, application/problem+json",
    "200, application/json"
  })
  void aServerThatCannotStream_isPolledFromTheSamePlace(int status, String contentType) {
    streams.add(new Script(status, contentType, List.of("{}"), null));
    runs.add(run("running"));
    eventPages.add("{\"items\":[" + eventJson(1, "a") + "],\"nextAfter\":1}");
    runs.add(run("succeeded"));
    eventPages.add("{\"items\":[" + eventJson(2, "b") + "],\"nextAfter\":2}");
    List<Long> delivered = new ArrayList<>();

    Run done =
        client().runs().followEvents("r1", Duration.ofMinutes(1), e -> delivered.add(e.id()));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(delivered).containsExactly(1L, 2L);
    assertThat(seen)
        .extracting(Seen::path)
        .containsExactly(
            STREAM,
            "/api/v1/runs/r1",
            "/api/v1/runs/r1/events?after=0&limit=500",
            "/api/v1/runs/r1",
            "/api/v1/runs/r1/events?after=1&limit=500");
    assertThat(sleeps).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void connectionsThatKeepBreakingWithNothingNew_fallBackToPolling_afterTheLastEventSeen() {
    streams.add(events(End.BREAK, status("running"), event(1, "a")));
    for (int i = 0; i < 3; i++) {
      streams.add(events(End.BREAK, status("running")));
    }
    runs.add(run("succeeded"));
    eventPages.add("{\"items\":[" + eventJson(2, "b") + "],\"nextAfter\":2}");
    List<Long> delivered = new ArrayList<>();

    Run done =
        client().runs().followEvents("r1", Duration.ofMinutes(1), e -> delivered.add(e.id()));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(delivered).containsExactly(1L, 2L);
    assertThat(streamRequests())
        .as("the productive one, then 1 + maxRetries (2) that brought nothing")
        .extracting(Seen::lastEventId)
        .containsExactly(null, "1", "1", "1");
    assertThat(seen.get(seen.size() - 1).path())
        .isEqualTo("/api/v1/runs/r1/events?after=1&limit=500");
    assertThat(sleeps).hasSize(2); // backoff before each further unproductive attempt
  }

  @Test
  void anUnknownRun_isNotFound() {
    assertThatThrownBy(() -> client().runs().followEvents("r1", Duration.ofMinutes(1), e -> {}))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aRefusedToken_isThrown_notPolled() {
    streams.add(
        new Script(401, "application/problem+json", List.of(problem("invalid_token")), null));
    assertThatThrownBy(() -> client().runs().followEvents("r1", Duration.ofMinutes(1), e -> {}))
        .isInstanceOf(UnauthorizedException.class);
    assertThat(seen).hasSize(1);
  }

  @Test
  void theFollowsTimeout_endsAWaitOnALiveStream_withTheLastStatus() {
    streams.add(events(End.HANG, status("running"), event(1, "a")));
    long started = System.nanoTime();

    assertThatThrownBy(() -> client().runs().followEvents("r1", Duration.ofMillis(300), e -> {}))
        .isInstanceOfSatisfying(
            RunWaitTimeoutException.class,
            e -> assertThat(e.lastStatus()).isEqualTo(RunStatus.RUNNING));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(sleeps).as("no backoff or poll after the deadline").isEmpty();
    assertThat(seen).extracting(Seen::path).containsExactly(STREAM);
  }

  @Test
  void anExceptionFromTheCallback_endsTheFollow() {
    streams.add(events(End.HANG, status("running"), event(1, "a")));
    IllegalStateException stop = new IllegalStateException("enough");
    assertThatThrownBy(
            () ->
                client()
                    .runs()
                    .followEvents(
                        "r1",
                        Duration.ofMinutes(1),
                        e -> {
                          throw stop;
                        }))
        .isSameAs(stop);
    assertThat(streamRequests()).hasSize(1);
  }
}
