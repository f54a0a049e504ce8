package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antpath.sdk.Page;
import io.antpath.sdk.errors.AntpathIoException;
import io.antpath.sdk.errors.RunWaitTimeoutException;
import io.antpath.sdk.http.Sleeper;
import io.antpath.sdk.http.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code client.runs()}: submit, read, list, wait for, follow, cancel and delete runs of the
 * token's workspace, and read and download their outputs.
 */
public final class RunsService {
  private final Transport transport;
  private final ObjectMapper json;
  private final RunSecrets defaultSecrets;
  private final Sleeper sleeper;
  private final Duration pollInterval;

  /**
   * @param sleeper waits between polls of {@link #waitForCompletion} and {@link #followEvents}
   * @param pollInterval how long those wait between polls
   */
  public RunsService(
      Transport transport,
      ObjectMapper json,
      RunSecrets defaultSecrets,
      Sleeper sleeper,
      Duration pollInterval) {
    this.transport = transport;
    this.json = json;
    this.defaultSecrets = defaultSecrets;
    this.sleeper = sleeper;
    this.pollInterval = pollInterval;
  }

  /**
   * Submits with the client's default secrets and a fresh idempotency key (reused across retries).
   */
  public Run create(RunCreateParams params) {
    return create(params, null, null);
  }

  /**
   * Submits a run.
   *
   * @param secrets this call's secrets, or null for the client's default
   * @param idempotencyKey the key to use, or null for a new one; the same key is sent on every
   *     retry
   */
  public Run create(RunCreateParams params, RunSecrets secrets, String idempotencyKey) {
    RunSecrets effective = secrets != null ? secrets : defaultSecrets;
    Objects.requireNonNull(
        effective, "no secrets: pass RunSecrets or set AntpathClient.builder().defaultSecrets(..)");
    String key = idempotencyKey != null ? idempotencyKey : "sdk-" + UUID.randomUUID();
    String body = write(params.body(effective));
    return read(
        transport.send("POST", "api/v1/runs", body, Map.of("Idempotency-Key", key)).body(),
        Run.class);
  }

  /** Whether submissions without their own secrets have the client's default ones to send. */
  public boolean hasDefaultSecrets() {
    return defaultSecrets != null;
  }

  public Run retrieve(String runId) {
    return read(
        transport.send("GET", "api/v1/runs/" + encode(runId), null, Map.of()).body(), Run.class);
  }

  /** The first page of runs (newest first); use {@link Page#autoPager()} to walk them all. */
  public Page<Run> list(int limit) {
    return page(limit, null);
  }

  /**
   * Polls until the run is terminal ({@code succeeded}, {@code failed}, {@code timed_out} or {@code
   * canceled}) and returns it.
   *
   * @throws RunWaitTimeoutException when {@code timeout} passes first
   */
  public Run waitForCompletion(String runId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Run run = retrieve(runId);
      if (run.isTerminal()) {
        return run;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new RunWaitTimeoutException(runId, run.status(), timeout);
      }
      pause();
    }
  }

  /**
   * One page of the run's events after the event id {@code after} (0 for the start), oldest first.
   * Walk further with {@link Page#autoPager()}; a page shorter than {@code limit} is the last one
   * for now (a live run may add more: see {@link #followEvents}).
   */
  public Page<RunEvent> events(String runId, long after, int limit) {
    EventBody body =
        read(
            transport
                .send(
                    "GET",
                    "api/v1/runs/" + encode(runId) + "/events?after=" + after + "&limit=" + limit,
                    null,
                    Map.of())
                .body(),
            EventBody.class);
    List<RunEvent> items = body.items() == null ? List.of() : body.items();
    String next =
        items.size() < limit || body.nextAfter() == null ? null : body.nextAfter().toString();
    return new Page<>(items, next, cursor -> events(runId, Long.parseLong(cursor), limit));
  }

  /**
   * Hands every event of the run to {@code onEvent}, in order and each once, polling while the run
   * is live, and returns the run once it is terminal and its last events were delivered.
   *
   * @throws RunWaitTimeoutException when {@code timeout} passes first
   */
  public Run followEvents(String runId, Duration timeout, Consumer<RunEvent> onEvent) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long after = 0;
    while (true) {
      // Read the status first: events written before a terminal status are then all visible below.
      Run run = retrieve(runId);
      for (RunEvent event : events(runId, after, EVENT_PAGE).autoPager()) {
        onEvent.accept(event);
        after = event.id();
      }
      if (run.isTerminal()) {
        return run;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new RunWaitTimeoutException(runId, run.status(), timeout);
      }
      pause();
    }
  }

  /** The run's captured outputs and capture failures. */
  public RunOutputs outputs(String runId) {
    return read(
        transport.send("GET", "api/v1/runs/" + encode(runId) + "/outputs", null, Map.of()).body(),
        RunOutputs.class);
  }

  /** A signed, expiring download URL for one output (audited by the server). */
  public OutputLink createLink(String runId, String outputId) {
    return read(
        transport
            .send(
                "POST",
                "api/v1/runs/" + encode(runId) + "/outputs/" + encode(outputId) + "/link",
                "",
                Map.of())
            .body(),
        OutputLink.class);
  }

  /**
   * Streams one output into {@code out} with constant memory, through a fresh signed link.
   *
   * @return the number of bytes written
   */
  public long download(String runId, String outputId, OutputStream out) {
    return transport.download(createLink(runId, outputId).url(), out);
  }

  /**
   * Downloads one output to {@code target}: written to a temporary file beside it and moved into
   * place only when complete, so {@code target} never holds a partial file. Missing parent folders
   * are created (output names may contain folders, never {@code ..}).
   *
   * @return the number of bytes written
   */
  public long download(String runId, String outputId, Path target) {
    Path dir = target.toAbsolutePath().getParent();
    Path partial = null;
    try {
      Files.createDirectories(dir);
      partial = Files.createTempFile(dir, ".antpath-download-", ".part");
      long size;
      try (OutputStream out = Files.newOutputStream(partial)) {
        size = download(runId, outputId, out);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      partial = null;
      return size;
    } catch (IOException e) {
      throw new AntpathIoException("could not write " + target, e);
    } finally {
      if (partial != null) {
        try {
          Files.deleteIfExists(partial);
        } catch (IOException ignored) {
          // Best effort: the temporary file is named as ours.
        }
      }
    }
  }

  private void pause() {
    try {
      sleeper.sleep(pollInterval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AntpathIoException("interrupted while waiting for the run", e);
    }
  }

  public Run cancel(String runId) {
    return read(
        transport.send("POST", "api/v1/runs/" + encode(runId) + "/cancel", "", Map.of()).body(),
        Run.class);
  }

  /** Marks the run for deletion (the server deletes it after cleanup). */
  public Run delete(String runId) {
    return read(
        transport.send("DELETE", "api/v1/runs/" + encode(runId), null, Map.of()).body(), Run.class);
  }

  private static final int EVENT_PAGE = 500;

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PageBody(List<Run> items, String nextCursor) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record EventBody(List<RunEvent> items, Long nextAfter) {}

  private Page<Run> page(int limit, String cursor) {
    String path =
        "api/v1/runs?limit=" + limit + (cursor == null ? "" : "&cursor=" + encode(cursor));
    PageBody body = read(transport.send("GET", path, null, Map.of()).body(), PageBody.class);
    return new Page<>(body.items(), body.nextCursor(), next -> page(limit, next));
  }

  private <T> T read(String body, Class<T> type) {
    try {
      return json.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new AntpathIoException(
          "antpath sent a response this SDK cannot read (" + type.getSimpleName() + ")", e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request cannot be written as JSON", e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
