package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antpath.sdk.errors.AntpathIoException;
import io.antpath.sdk.http.Transport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** {@code client.runs()}: submit, read, list, cancel and delete runs of the token's workspace. */
public final class RunsService {
  private final Transport transport;
  private final ObjectMapper json;
  private final RunSecrets defaultSecrets;

  public RunsService(Transport transport, ObjectMapper json, RunSecrets defaultSecrets) {
    this.transport = transport;
    this.json = json;
    this.defaultSecrets = defaultSecrets;
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

  public Run retrieve(String runId) {
    return read(
        transport.send("GET", "api/v1/runs/" + encode(runId), null, Map.of()).body(), Run.class);
  }

  /** The first page of runs (newest first); use {@link RunPage#autoPager()} to walk them all. */
  public RunPage list(int limit) {
    return page(limit, null);
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

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PageBody(List<Run> items, String nextCursor) {}

  private RunPage page(int limit, String cursor) {
    String path =
        "api/v1/runs?limit=" + limit + (cursor == null ? "" : "&cursor=" + encode(cursor));
    PageBody body = read(transport.send("GET", path, null, Map.of()).body(), PageBody.class);
    return new RunPage(body.items(), body.nextCursor(), next -> page(limit, next));
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
