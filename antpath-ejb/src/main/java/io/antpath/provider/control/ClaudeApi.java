package io.antpath.provider.control;

import io.antpath.provider.control.ProviderException.ErrorClass;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Claude Managed Agents + Files calls a run needs, over the JDK HTTP client. The user's key is
 * a parameter of every call (it lives in memory only for the call) and never appears in an
 * exception, a log line or anything this class returns.
 *
 * <p>Transient failures (429, 5xx, 529, timeouts, connection resets) are retried here with
 * exponential backoff and jitter, honouring {@code retry-after}, up to {@code maxRetries}; what is
 * left is thrown as a classified {@link ProviderException}.
 *
 * <p>Why not MicroProfile Rest Client: per-call keys, streaming file downloads with a byte cap and
 * exact control of the retry classification are simpler and testable outside the container with the
 * JDK client; the wire contract is pinned by the simulator's official-client tests and by this
 * class's tests against the simulator.
 */
public final class ClaudeApi {
  /** Looked up once: {@code Json.create*} searches the class path for a provider on every call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  static final String VERSION = "2023-06-01";
  static final String AGENTS_BETA = "managed-agents-2026-04-01";
  static final String FILES_BETA = "files-api-2025-04-14";

  /** Waits between retries (tests record instead of sleeping). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Told of every failed provider call (for the engine's metrics); never given the key. */
  @FunctionalInterface
  public interface FailureListener {
    void failed(ErrorClass errorClass, int status, String code);
  }

  private final FailureListener listener;
  private final HttpClient http;
  private final URI base;
  private final Duration timeout;
  private final int maxRetries;
  private final Sleeper sleeper;

  public ClaudeApi(URI base, Duration timeout, int maxRetries, Sleeper sleeper) {
    this(base, timeout, maxRetries, sleeper, (c, s, code) -> {});
  }

  public ClaudeApi(
      URI base, Duration timeout, int maxRetries, Sleeper sleeper, FailureListener listener) {
    this.listener = listener;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    this.timeout = timeout;
    this.maxRetries = maxRetries;
    this.sleeper = sleeper;
  }

  // --- Managed Agents -------------------------------------------------------------------------

  /** Creates the agent once (see {@link #createOnce}); returns its id. */
  public String createAgent(String key, JsonObject body, String marker) {
    return createOnce(key, "v1/agents", body, () -> findByMarker(key, "agent", marker));
  }

  public JsonObject archiveAgent(String key, String id) {
    return call(key, "POST", "v1/agents/" + enc(id) + "/archive", null, AGENTS_BETA);
  }

  /** Creates the environment once (see {@link #createOnce}); returns its id. */
  public String createEnvironment(String key, JsonObject body, String marker) {
    return createOnce(key, "v1/environments", body, () -> findByMarker(key, "environment", marker));
  }

  public JsonObject deleteEnvironment(String key, String id) {
    return call(key, "DELETE", "v1/environments/" + enc(id), null, AGENTS_BETA);
  }

  /** Creates the Claude-side vault once (see {@link #createOnce}); returns its id. */
  public String createVault(String key, JsonObject body, String marker) {
    return createOnce(key, "v1/vaults", body, () -> findByMarker(key, "vault", marker));
  }

  /**
   * Creates an MCP credential once in the run's own vault; a lost answer is resolved by the
   * credential's display name, unique within that vault.
   */
  public String createCredential(String key, String vaultId, JsonObject body) {
    String name = body.getString("display_name");
    return createOnce(
        key,
        "v1/vaults/" + enc(vaultId) + "/credentials",
        body,
        () -> findCredential(key, vaultId, name));
  }

  /** The id of the credential named {@code displayName} in the vault, if it exists. */
  public java.util.Optional<String> findCredential(String key, String vaultId, String displayName) {
    for (JsonObject o : pages(key, "v1/vaults/" + enc(vaultId) + "/credentials?limit=100")) {
      if (displayName.equals(o.getString("display_name", null))) {
        return java.util.Optional.of(o.getString("id"));
      }
    }
    return java.util.Optional.empty();
  }

  public JsonObject deleteVault(String key, String id) {
    return call(key, "DELETE", "v1/vaults/" + enc(id), null, AGENTS_BETA);
  }

  /** Creates the session once (see {@link #createOnce}); returns its id. */
  public String createSession(String key, JsonObject body, String marker) {
    return createOnce(key, "v1/sessions", body, () -> findByMarker(key, "session", marker));
  }

  public JsonObject session(String key, String id) {
    return call(key, "GET", "v1/sessions/" + enc(id), null, AGENTS_BETA);
  }

  /** Every session (archived included), for finding one by its metadata marker after a crash. */
  public List<JsonObject> sessions(String key) {
    return pages(key, "v1/sessions?include_archived=true&limit=100");
  }

  /**
   * The id of the resource of {@code kind} (agent, environment, vault, session) whose metadata
   * carries {@code antpath.marker = marker}, archived ones included: how a create whose answer was
   * lost in a crash is found again.
   */
  public java.util.Optional<String> findByMarker(String key, String kind, String marker) {
    String collection =
        switch (kind) {
          case "agent" -> "agents";
          case "environment" -> "environments";
          case "vault" -> "vaults";
          case "session" -> "sessions";
          default -> throw new IllegalArgumentException("no marker lookup for " + kind);
        };
    for (JsonObject o : pages(key, "v1/" + collection + "?include_archived=true&limit=100")) {
      JsonValue md = o.get("metadata");
      if (md instanceof JsonObject m && marker.equals(m.getString("antpath.marker", null))) {
        return java.util.Optional.of(o.getString("id"));
      }
    }
    return java.util.Optional.empty();
  }

  public JsonObject archiveSession(String key, String id) {
    return call(key, "POST", "v1/sessions/" + enc(id) + "/archive", null, AGENTS_BETA);
  }

  public JsonObject deleteSession(String key, String id) {
    return call(key, "DELETE", "v1/sessions/" + enc(id), null, AGENTS_BETA);
  }

  public JsonObject sendEvents(String key, String sessionId, JsonArray events) {
    return call(
        key,
        "POST",
        "v1/sessions/" + enc(sessionId) + "/events",
        JSON.createObjectBuilder().add("events", events).build(),
        AGENTS_BETA);
  }

  /** Every event of the session so far, oldest first (all pages). */
  public List<JsonObject> events(String key, String sessionId) {
    return pages(key, "v1/sessions/" + enc(sessionId) + "/events?limit=1000");
  }

  /** One page of the session's events, oldest first, from {@code page} (null: the first page). */
  public EventPage eventPage(String key, String sessionId, String page, int limit) {
    JsonObject body =
        call(
            key,
            "GET",
            "v1/sessions/"
                + enc(sessionId)
                + "/events?limit="
                + limit
                + (page == null ? "" : "&page=" + enc(page)),
            null,
            AGENTS_BETA);
    List<JsonObject> events = new ArrayList<>();
    for (JsonValue v : array(body, "data")) {
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw malformed("event listing with a non-object event");
      }
      events.add(v.asJsonObject());
    }
    return new EventPage(events, optionalString(body, "next_page"));
  }

  /** A page of session events and the cursor of the next one (null on the last page). */
  public record EventPage(List<JsonObject> events, String nextPage) {}

  /**
   * Creates a resource without ever creating it twice. A POST create is not idempotent, so it is
   * not replayed blindly: a 429 (refused before any work) is retried as it is, but after an answer
   * that may have been lost (a timeout, a dropped connection, a 5xx) the resource is first looked
   * up by {@code existing} (its marker), and only created again when it is not there.
   */
  String createOnce(
      String key,
      String path,
      JsonObject body,
      java.util.function.Supplier<java.util.Optional<String>> existing) {
    for (int attempt = 1; ; attempt++) {
      ProviderException failure;
      try {
        JsonObject created =
            parse(
                send(
                        key,
                        "POST",
                        path,
                        body,
                        AGENTS_BETA,
                        HttpResponse.BodyHandlers.ofString(),
                        false)
                    .body(),
                "POST",
                path);
        if (!(created.get("id") instanceof jakarta.json.JsonString id)) {
          throw malformed("create answered without an id");
        }
        return id.getString();
      } catch (ProviderException e) {
        failure = e;
      }
      if (failure.errorClass() != ErrorClass.TRANSIENT || attempt > maxRetries) {
        throw failure;
      }
      pause(attempt, failure.retryAfter().orElse(null));
      if (failure.status() != 429) {
        java.util.Optional<String> found = existing.get();
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
  }

  private static ProviderException malformed(String what) {
    return new ProviderException(
        ErrorClass.PROVIDER_PERMANENT, "provider_malformed_response", 200, what, null);
  }

  private List<JsonObject> pages(String key, String first) {
    List<JsonObject> all = new ArrayList<>();
    String page = null;
    do {
      JsonObject body =
          call(key, "GET", first + (page == null ? "" : "&page=" + enc(page)), null, AGENTS_BETA);
      for (JsonValue v : array(body, "data")) {
        all.add(v.asJsonObject());
      }
      page = optionalString(body, "next_page");
    } while (page != null);
    return all;
  }

  // --- Files ----------------------------------------------------------------------------------

  /**
   * Every file of a session's scope. Both listing styles are followed: the documented {@code
   * after_id}/{@code has_more}/{@code last_id} and the {@code next_page} cursor of newer servers.
   */
  public List<JsonObject> sessionFiles(String key, String sessionId) {
    List<JsonObject> all = new ArrayList<>();
    String first = "v1/files?scope_id=" + enc(sessionId) + "&limit=100";
    String next = first;
    for (int pages = 0; next != null; pages++) {
      if (pages >= 10_000) {
        throw malformed("file listing does not end");
      }
      JsonObject body = call(key, "GET", next, null, FILES_BETA);
      JsonArray data = array(body, "data");
      for (JsonValue v : data) {
        all.add(v.asJsonObject());
      }
      String cursor = optionalString(body, "next_page");
      if (cursor != null) {
        next = first + "&page=" + enc(cursor);
      } else if (body.getBoolean("has_more", false) && !data.isEmpty()) {
        String last = optionalString(body, "last_id");
        next =
            first
                + "&after_id="
                + enc(
                    last != null ? last : data.get(data.size() - 1).asJsonObject().getString("id"));
      } else {
        next = null;
      }
    }
    return all;
  }

  /** The file's bytes as a stream (the caller closes it); errors before the body are retried. */
  public InputStream download(String key, String fileId) {
    return send(
            key,
            "GET",
            "v1/files/" + enc(fileId) + "/content",
            null,
            FILES_BETA,
            HttpResponse.BodyHandlers.ofInputStream(),
            true)
        .body();
  }

  public JsonObject deleteFile(String key, String id) {
    return call(key, "DELETE", "v1/files/" + enc(id), null, FILES_BETA);
  }

  private static String optionalString(JsonObject body, String field) {
    JsonValue v = body.get(field);
    return v instanceof jakarta.json.JsonString s ? s.getString() : null;
  }

  // --- Transport ------------------------------------------------------------------------------

  JsonObject call(String key, String method, String path, JsonObject body, String beta) {
    HttpResponse<String> r =
        send(key, method, path, body, beta, HttpResponse.BodyHandlers.ofString(), true);
    return parse(r.body(), method, path);
  }

  /**
   * Sends with retries of transient failures; returns a 2xx response or throws the classified
   * failure. A streamed body is only handed out once the status says success, so a retry never
   * follows a partly consumed body. A call that is not {@code replayable} (a create) is sent once:
   * its caller decides what a lost answer means.
   */
  private <T> HttpResponse<T> send(
      String key,
      String method,
      String path,
      JsonObject body,
      String beta,
      HttpResponse.BodyHandler<T> handler,
      boolean replayable) {
    if (!ApiKeys.isSendable(key)) {
      // The JDK client would refuse it with an exception whose message quotes the value.
      throw new ProviderException(
          ErrorClass.TENANT_PERMANENT,
          "invalid_api_key",
          0,
          "the run's API key cannot be sent as an HTTP header value",
          null);
    }
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(timeout)
              .header("x-api-key", key)
              .header("anthropic-version", VERSION)
              .header("anthropic-beta", beta)
              .header("accept", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body.toString()));
      if (body != null) {
        b.header("content-type", "application/json");
      }
      ProviderException failure;
      try {
        HttpResponse<T> r = http.send(b.build(), handler);
        if (r.statusCode() < 300) {
          return r;
        }
        failure = classify(r.statusCode(), r.headers(), errorBody(r.body()));
      } catch (HttpTimeoutException e) {
        failure =
            new ProviderException(
                ErrorClass.TRANSIENT, "provider_timeout", 0, "provider call timed out", null);
      } catch (IOException e) {
        failure =
            new ProviderException(
                ErrorClass.TRANSIENT,
                "provider_unreachable",
                0,
                "provider connection failed (" + e.getClass().getSimpleName() + ")",
                null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException(ErrorClass.INTERNAL, "interrupted", 0, "interrupted", null);
      }
      listener.failed(failure.errorClass(), failure.status(), failure.code());
      if (failure.errorClass() != ErrorClass.TRANSIENT || attempt > maxRetries || !replayable) {
        throw failure;
      }
      pause(attempt, failure.retryAfter().orElse(null));
    }
  }

  /** An error response's body as text (at most 64 KiB read from a stream, which is closed). */
  private static String errorBody(Object body) {
    if (body instanceof String text) {
      return text;
    }
    if (body instanceof InputStream in) {
      try (in) {
        return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }
    return "";
  }

  private void pause(int attempt, Duration retryAfter) {
    long millis = Math.min(8000, 250L << Math.min(attempt - 1, 10));
    Duration d =
        retryAfter != null
            ? retryAfter
            : Duration.ofMillis(
                millis - (long) (millis * 0.25 * ThreadLocalRandom.current().nextDouble()));
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(ErrorClass.INTERNAL, "interrupted", 0, "interrupted", null);
    }
  }

  static ProviderException classify(int status, HttpHeaders headers, String body) {
    String type = "unknown";
    try {
      JsonObject error =
          JSON.createReader(new StringReader(body)).readObject().getJsonObject("error");
      if (error != null && error.containsKey("type")) {
        type = error.getString("type").replaceAll("[^a-z_]", "");
      }
    } catch (RuntimeException notJson) {
      // keep "unknown"
    }
    String requestId = headers.firstValue("request-id").orElse("-");
    String message =
        "provider answered "
            + status
            + " "
            + type
            + " (request "
            + requestId.replaceAll("[^A-Za-z0-9_-]", "")
            + ")";
    Duration retryAfter =
        headers
            .firstValue("retry-after")
            .flatMap(
                v -> {
                  try {
                    return java.util.Optional.of(
                        Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
                  } catch (NumberFormatException e) {
                    return java.util.Optional.empty();
                  }
                })
            .orElse(null);
    ErrorClass c =
        status == 429 || status >= 500
            ? ErrorClass.TRANSIENT
            : status == 401 || status == 403
                ? ErrorClass.TENANT_PERMANENT
                : ErrorClass.PROVIDER_PERMANENT;
    return new ProviderException(c, "provider_" + type, status, message, retryAfter);
  }

  private static JsonObject parse(String body, String method, String path) {
    if (body == null || body.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try {
      return JSON.createReader(new StringReader(body)).readObject();
    } catch (jakarta.json.JsonException | ClassCastException e) {
      throw new ProviderException(
          ErrorClass.PROVIDER_PERMANENT,
          "provider_malformed_response",
          200,
          "provider answered malformed JSON to " + method + " " + path.replaceAll("\\?.*", ""),
          null);
    }
  }

  private static JsonArray array(JsonObject body, String field) {
    JsonValue v = body.get(field);
    if (v == null || v.getValueType() != JsonValue.ValueType.ARRAY) {
      throw malformed("listing without " + field);
    }
    return v.asJsonArray();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
