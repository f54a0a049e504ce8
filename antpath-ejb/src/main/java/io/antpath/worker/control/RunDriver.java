package io.antpath.worker.control;

import io.antpath.capture.control.OutputCapture;
import io.antpath.provider.control.ClaudeApi;
import io.antpath.provider.control.ProviderException;
import io.antpath.provider.control.ProviderException.ErrorClass;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Drives one claimed run on the provider from where it stands to a terminal status: opens a {@code
 * run_attempts} row, creates agent, environment, (for MCP credentials) a Claude-side vault and its
 * credentials, and the session, each journalled in {@code provider_resources} as {@code intended}
 * before the call and {@code created} after it; sends the prompt; polls the session and its events
 * (stored once each, redacted; usage into {@code usage_ledger}) until the session is done, the run
 * times out or is cancelled; then captures every output file of the session ({@link OutputCapture})
 * before it reports the run terminal.
 *
 * <p>Every write to the run is lease-guarded ({@code where lease_owner = me and lease_expires_at >
 * now()}); a worker that lost its lease stops at its next write ({@link LeaseLost}). Before each
 * provider side effect the run is re-read for cancellation, deletion and timeout. Provider failures
 * follow their class: transient ones release the run for a later attempt with backoff (bounded by
 * {@code maxAttempts}), tenant- and provider-permanent ones fail the run.
 *
 * <p>When the run is terminal it is handed to cleanup ({@code cleanup_status = pending}, due now).
 */
public final class RunDriver {
  private static final Logger LOG = Logger.getLogger(RunDriver.class.getName());

  /** Opens the run's sealed secrets bundle (in memory only). */
  @FunctionalInterface
  public interface SecretsOpener {
    Optional<byte[]> open(UUID workspaceId, UUID runId);
  }

  /** Settings of the drive loop. */
  public record Settings(
      String workerId,
      Duration lease,
      Duration pollInterval,
      int maxAttempts,
      Duration retryBase) {}

  /** The lease is gone: another worker owns the run now, or the run left this worker's hands. */
  public static final class LeaseLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeaseLost() {
      super("lease lost", null, false, false);
    }
  }

  private final DataSource ds;
  private final ClaudeApi api;
  private final SecretsOpener secrets;
  private final Settings settings;
  private final OutputCapture capture;
  private final RunLease lease;

  public RunDriver(
      DataSource ds,
      ClaudeApi api,
      SecretsOpener secrets,
      OutputCapture capture,
      Settings settings) {
    this.ds = ds;
    this.api = api;
    this.secrets = secrets;
    this.capture = capture;
    this.settings = settings;
    this.lease = new RunLease(ds, settings.workerId());
  }

  /** The parts of a run the driver needs. */
  record RunRow(
      UUID id,
      UUID workspaceId,
      UUID userId,
      UUID tokenId,
      String status,
      JsonObject spec,
      JsonObject metadata,
      int timeoutSeconds,
      Instant startedAt,
      boolean stopRequested,
      int attemptCount,
      long storageCapBytes,
      long safetyCapBytes) {}

  /** Why the drive stopped early. */
  private enum Stop {
    CANCELED,
    TIMED_OUT
  }

  /** Drives the run; returns when it is terminal, released for a retry, or the lease is lost. */
  public void drive(UUID runId) {
    UUID attemptId = null;
    try {
      RunRow run = load(runId).orElseThrow(LeaseLost::new);
      attemptId = openAttempt(run);
      Optional<byte[]> bundle = secrets.open(run.workspaceId(), run.id());
      if (bundle.isEmpty()) {
        finish(
            run,
            attemptId,
            "failed",
            ErrorClass.INTERNAL,
            "secrets_missing",
            "the run's secrets are gone");
        return;
      }
      JsonObject sealed =
          Json.createReader(new StringReader(new String(bundle.get(), StandardCharsets.UTF_8)))
              .readObject();
      run(run, attemptId, sealed);
    } catch (Finished e) {
      // stopped early (cancelled, timed out) and already recorded
    } catch (LeaseLost e) {
      if (attemptId != null) {
        endAttemptQuietly(attemptId, "lost", null, null, null);
      }
      LOG.info(() -> "run " + runId + ": lease lost, stopping");
    } catch (ProviderException e) {
      handleProviderFailure(runId, attemptId, e);
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "run " + runId + ": internal failure (" + e.getClass().getSimpleName() + ")",
          e);
      try {
        release(
            runId,
            attemptId,
            ErrorClass.INTERNAL,
            "internal_error",
            "internal error; see the server log");
      } catch (SQLException | LeaseLost ignored) {
        // the lease expires and another attempt picks the run up
      }
    }
  }

  private void run(RunRow run, UUID attemptId, JsonObject sealed) throws SQLException {
    String key = sealed.getString("anthropicApiKey");
    JsonObject mcpCredentials = sealed.getJsonObject("mcpCredentials");
    String sessionId;
    if ("starting".equals(run.status())) {
      stopIfAsked(run, attemptId, key, null);
      String agentId =
          ensure(
              run,
              attemptId,
              key,
              "agent",
              "agent",
              () ->
                  api.createAgent(
                      key, agentBody(run, marker(run, "agent"), sealed.getJsonArray("skills"))));
      String envId =
          ensure(
              run,
              attemptId,
              key,
              "environment",
              "environment",
              () -> api.createEnvironment(key, environmentBody(run, marker(run, "environment"))));
      JsonArrayBuilder vaultIds = Json.createArrayBuilder();
      if (mcpCredentials != null && !mcpCredentials.isEmpty()) {
        String vaultId =
            ensure(
                run,
                attemptId,
                key,
                "vault",
                "vault",
                () ->
                    api.createVault(
                        key,
                        Json.createObjectBuilder()
                            .add("display_name", "antpath run " + run.id())
                            .add("metadata", markerMetadata(run, marker(run, "vault")))
                            .build()));
        vaultIds.add(vaultId);
        for (String server : mcpCredentials.keySet()) {
          String url = mcpUrl(run, server);
          JsonObject cred = mcpCredentials.getJsonObject(server);
          ensure(
              run,
              attemptId,
              key,
              "credential",
              "credential-" + server,
              () -> api.createCredential(key, vaultId, credentialBody(server, url, cred)));
        }
      }
      stopIfAsked(run, attemptId, key, null);
      JsonArray vaults = vaultIds.build();
      sessionId =
          ensure(
              run,
              attemptId,
              key,
              "session",
              "session",
              () ->
                  api.createSession(
                      key, sessionBody(run, marker(run, "session"), agentId, envId, vaults)));
      stopIfAsked(run, attemptId, key, sessionId);
      api.sendEvents(
          key,
          sessionId,
          Json.createArrayBuilder()
              .add(
                  Json.createObjectBuilder()
                      .add("type", "user.message")
                      .add("content", content(run.spec().get("input"))))
              .build());
      lease.update(run.id(), "status = 'running', started_at = coalesce(started_at, now())");
    } else {
      sessionId =
          providerId(run.id(), "session")
              .orElseThrow(
                  () ->
                      new ProviderException(
                          ErrorClass.INTERNAL,
                          "session_missing",
                          0,
                          "running run without a journalled session",
                          null));
    }
    poll(run, attemptId, key, sessionId);
  }

  private void poll(RunRow run, UUID attemptId, String key, String sessionId) throws SQLException {
    while (true) {
      heartbeat(run.id());
      RunRow now = load(run.id()).orElseThrow(LeaseLost::new);
      stopIfAsked(now, attemptId, key, sessionId);
      JsonObject session = api.session(key, sessionId);
      List<JsonObject> events = api.events(key, sessionId);
      store(now, attemptId, events);
      String status = session.getString("status", "");
      String stopReason = lastStopReason(events);
      if ("terminated".equals(status) || ("idle".equals(status) && stopReason != null)) {
        captureOutputs(now, key, sessionId);
      }
      if ("terminated".equals(status)) {
        finish(
            now,
            attemptId,
            "failed",
            ErrorClass.PROVIDER_PERMANENT,
            "session_terminated",
            "the Claude session terminated" + lastError(events));
        return;
      }
      if ("idle".equals(status) && stopReason != null) {
        switch (stopReason) {
          case "end_turn" -> finish(now, attemptId, "succeeded", null, null, null);
          case "retries_exhausted" ->
              finish(
                  now,
                  attemptId,
                  "failed",
                  ErrorClass.PROVIDER_PERMANENT,
                  "session_failed",
                  "the session's turn failed" + lastError(events));
          default ->
              finish(
                  now,
                  attemptId,
                  "failed",
                  ErrorClass.PROVIDER_PERMANENT,
                  "session_" + stopReason.replaceAll("[^a-z_]", ""),
                  "the session stopped: " + stopReason.replaceAll("[^a-z_]", ""));
        }
        return;
      }
      sleep(settings.pollInterval());
    }
  }

  /** Cancellation, deletion or timeout: interrupt the session (if any) and end the run. */
  private void stopIfAsked(RunRow run, UUID attemptId, String key, String sessionId)
      throws SQLException {
    Stop stop =
        run.stopRequested()
            ? Stop.CANCELED
            : run.startedAt() != null
                    && Instant.now().isAfter(run.startedAt().plusSeconds(run.timeoutSeconds()))
                ? Stop.TIMED_OUT
                : null;
    if (stop == null) {
      return;
    }
    if (sessionId != null) {
      try {
        api.sendEvents(
            key,
            sessionId,
            Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "user.interrupt"))
                .build());
      } catch (ProviderException e) {
        // The session may be gone or the key revoked; cleanup deals with what is left.
      }
      captureOutputs(run, key, sessionId);
    }
    if (stop == Stop.CANCELED) {
      finish(run, attemptId, "canceled", null, null, null);
    } else {
      finish(
          run,
          attemptId,
          "timed_out",
          null,
          "timed_out",
          "the run exceeded its timeout of " + run.timeoutSeconds() + " s");
    }
    throw new Finished();
  }

  /**
   * Captures every output file of the session before the run is reported terminal, and notes that
   * it did (the cleanup captures only when this did not happen, for example after a crash).
   */
  private void captureOutputs(RunRow run, String key, String sessionId) throws SQLException {
    heartbeat(run.id());
    capture.capture(
        new OutputCapture.Target(
            run.id(),
            run.workspaceId(),
            run.userId(),
            run.tokenId(),
            run.storageCapBytes(),
            run.safetyCapBytes()),
        key,
        sessionId);
    lease.update(run.id(), "outputs_captured_at = now()");
  }

  /** Unwinds the drive after the run was finished early. */
  private static final class Finished extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Finished() {
      super(null, null, false, false);
    }
  }

  // --- provider requests --------------------------------------------------------------------

  private static String marker(RunRow run, String kind) {
    return "antpath:" + run.id() + ":" + kind;
  }

  private static JsonObject agentBody(RunRow run, String marker, JsonArray secretSkills) {
    JsonObject agent = run.spec().getJsonObject("agent");
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("name", "antpath run " + run.id())
            .add("model", agent.get("model"));
    if (agent.containsKey("system")) {
      b.add("system", agent.get("system"));
    }
    JsonArrayBuilder tools = Json.createArrayBuilder();
    if (agent.containsKey("tools")) {
      agent.getJsonArray("tools").forEach(tools::add);
    } else {
      tools.add(Json.createObjectBuilder().add("type", "agent_toolset_20260401"));
    }
    JsonArrayBuilder servers = Json.createArrayBuilder();
    if (agent.containsKey("mcpServers")) {
      for (JsonValue v : agent.getJsonArray("mcpServers")) {
        JsonObject s = v.asJsonObject();
        servers.add(
            Json.createObjectBuilder()
                .add("type", "url")
                .add("name", s.getString("name"))
                .add("url", s.getString("url")));
        if (!agent.containsKey("tools")) {
          tools.add(
              Json.createObjectBuilder()
                  .add("type", "mcp_toolset")
                  .add("mcp_server_name", s.getString("name")));
        }
      }
    }
    b.add("tools", tools).add("mcp_servers", servers);
    // Skills named in the run, then those from its secrets (private references not stored).
    if (agent.containsKey("skills") || secretSkills != null) {
      JsonArrayBuilder skills = Json.createArrayBuilder();
      if (agent.containsKey("skills")) {
        agent.getJsonArray("skills").forEach(skills::add);
      }
      if (secretSkills != null) {
        secretSkills.forEach(skills::add);
      }
      b.add("skills", skills);
    }
    return b.add("metadata", markerMetadata(run, marker)).build();
  }

  /** The metadata that ties a provider resource to its run and journal row (found by it later). */
  private static JsonObjectBuilder markerMetadata(RunRow run, String marker) {
    return Json.createObjectBuilder()
        .add("antpath.run", run.id().toString())
        .add("antpath.marker", marker);
  }

  private static JsonObject environmentBody(RunRow run, String marker) {
    JsonObject env =
        run.spec().containsKey("environment")
            ? run.spec().getJsonObject("environment")
            : JsonValue.EMPTY_JSON_OBJECT;
    JsonObjectBuilder config = Json.createObjectBuilder().add("type", "cloud");
    config.add(
        "networking",
        env.containsKey("networking")
            ? env.get("networking")
            : Json.createObjectBuilder().add("type", "unrestricted").build());
    if (env.containsKey("packages")) {
      config.add("packages", env.get("packages"));
    }
    return Json.createObjectBuilder()
        .add("name", marker)
        .add("config", config)
        .add("metadata", markerMetadata(run, marker))
        .build();
  }

  private static String mcpUrl(RunRow run, String server) {
    for (JsonValue v : run.spec().getJsonObject("agent").getJsonArray("mcpServers")) {
      if (server.equals(v.asJsonObject().getString("name"))) {
        return v.asJsonObject().getString("url");
      }
    }
    throw new ProviderException(
        ErrorClass.INTERNAL,
        "mcp_server_missing",
        0,
        "credentials for an undeclared MCP server",
        null);
  }

  static JsonObject credentialBody(String server, String url, JsonObject cred) {
    JsonObjectBuilder auth = Json.createObjectBuilder().add("mcp_server_url", url);
    if ("bearer".equals(cred.getString("type"))) {
      auth.add("type", "static_bearer").add("token", cred.getString("token"));
    } else {
      auth.add("type", "mcp_oauth").add("access_token", cred.getString("accessToken"));
      if (cred.containsKey("expiresAt")) {
        auth.add("expires_at", cred.getString("expiresAt"));
      }
      if (cred.containsKey("refreshToken")) {
        JsonObjectBuilder refresh =
            Json.createObjectBuilder().add("refresh_token", cred.getString("refreshToken"));
        if (cred.containsKey("tokenUrl")) {
          refresh.add("token_endpoint", cred.getString("tokenUrl"));
        }
        if (cred.containsKey("clientId")) {
          refresh.add("client_id", cred.getString("clientId"));
        }
        if (cred.containsKey("clientSecret")) {
          refresh.add(
              "token_endpoint_auth",
              Json.createObjectBuilder()
                  .add("type", "client_secret_post")
                  .add("client_secret", cred.getString("clientSecret")));
        } else {
          refresh.add("token_endpoint_auth", Json.createObjectBuilder().add("type", "none"));
        }
        auth.add("refresh", refresh);
      }
    }
    return Json.createObjectBuilder().add("display_name", server).add("auth", auth).build();
  }

  private static JsonArray content(JsonValue input) {
    if (input instanceof JsonString s) {
      return Json.createArrayBuilder()
          .add(Json.createObjectBuilder().add("type", "text").add("text", s.getString()))
          .build();
    }
    return input.asJsonArray();
  }

  private static JsonObject sessionBody(
      RunRow run, String marker, String agentId, String envId, JsonArray vaults) {
    JsonObjectBuilder md = markerMetadata(run, marker);
    int room = 14;
    for (String k : run.metadata().keySet()) {
      if (room-- <= 0) {
        break;
      }
      if (!k.startsWith("antpath.")) {
        md.add(k, run.metadata().get(k));
      }
    }
    return Json.createObjectBuilder()
        .add("agent", agentId)
        .add("environment_id", envId)
        .add("title", "antpath run " + run.id())
        .add("metadata", md)
        .add("vault_ids", vaults)
        .build();
  }

  // --- journal ------------------------------------------------------------------------------

  @FunctionalInterface
  private interface Create {
    JsonObject create();
  }

  /**
   * The provider id of the run's resource {@code name}: from the journal; or, when a dead attempt
   * journalled it as intended, found on the provider by its marker (so a create whose answer was
   * lost is not repeated and nothing leaks); or created now.
   */
  private String ensure(
      RunRow run, UUID attemptId, String key, String kind, String name, Create create)
      throws SQLException {
    String marker = marker(run, name);
    boolean intended = false;
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select state, provider_id from provider_resources where marker = ?")) {
      ps.setString(1, marker);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          if (rs.getString(2) != null) {
            return rs.getString(2);
          }
          intended = rs.getString(1).equals("intended");
        }
      }
    }
    if (intended && !kind.equals("credential")) {
      Optional<String> found = api.findByMarker(key, kind, marker);
      if (found.isPresent()) {
        journalCreated(run.id(), marker, found.get());
        return found.get();
      }
    }
    heartbeat(run.id());
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into provider_resources (id, run_id, workspace_id, run_attempt_id, kind, marker, state)"
                    + " values (?, ?, ?, ?, ?, ?, 'intended') on conflict (marker) do update set run_attempt_id = excluded.run_attempt_id, updated_at = now()")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setObject(2, run.id());
      ps.setObject(3, run.workspaceId());
      ps.setObject(4, attemptId);
      ps.setString(5, kind);
      ps.setString(6, marker);
      ps.executeUpdate();
    }
    String id = create.create().getString("id");
    journalCreated(run.id(), marker, id);
    return id;
  }

  private void journalCreated(UUID runId, String marker, String providerId) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "update provider_resources set state = 'created', provider_id = ?, updated_at = now() where marker = ? and run_id = ?")) {
      ps.setString(1, providerId);
      ps.setString(2, marker);
      ps.setObject(3, runId);
      ps.executeUpdate();
    }
  }

  private Optional<String> providerId(UUID runId, String kind) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select provider_id from provider_resources where run_id = ? and kind = ? and state = 'created'")) {
      ps.setObject(1, runId);
      ps.setString(2, kind);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  // --- events and usage -----------------------------------------------------------------------

  private void store(RunRow run, UUID attemptId, List<JsonObject> events) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ev =
            c.prepareStatement(
                "insert into run_events (run_id, workspace_id, run_attempt_id, provider_event_id, type, occurred_at, data)"
                    + " values (?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (run_attempt_id, provider_event_id) do nothing");
        PreparedStatement us =
            c.prepareStatement(
                "insert into usage_ledger (workspace_id, run_id, run_attempt_id, user_id, token_id, source_event_id, model,"
                    + " input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (run_attempt_id, source_event_id) do nothing")) {
      String model = model(run);
      for (JsonObject e : events) {
        String id = e.getString("id", null);
        if (id == null) {
          continue;
        }
        ev.setObject(1, run.id());
        ev.setObject(2, run.workspaceId());
        ev.setObject(3, attemptId);
        ev.setString(4, id);
        ev.setString(5, RunLease.truncate(e.getString("type", "unknown"), 100));
        ev.setTimestamp(6, time(e.getString("processed_at", null)));
        ev.setString(7, EventRedactor.redact(e).toString());
        ev.addBatch();
        long[] u = EventRedactor.usage(e);
        if (u != null) {
          us.setObject(1, run.workspaceId());
          us.setObject(2, run.id());
          us.setObject(3, attemptId);
          us.setObject(4, run.userId());
          us.setObject(5, run.tokenId());
          us.setString(6, id);
          us.setString(7, model);
          for (int i = 0; i < 4; i++) {
            us.setLong(8 + i, u[i]);
          }
          us.addBatch();
        }
      }
      ev.executeBatch();
      us.executeBatch();
    }
  }

  private static String model(RunRow run) {
    JsonValue m = run.spec().getJsonObject("agent").get("model");
    String s =
        m instanceof JsonString js
            ? js.getString()
            : m instanceof JsonObject o ? o.getString("id", "?") : "?";
    return RunLease.truncate(s, 100);
  }

  private static String lastStopReason(List<JsonObject> events) {
    for (int i = events.size() - 1; i >= 0; i--) {
      JsonObject e = events.get(i);
      String type = e.getString("type", "");
      if (type.equals("session.status_running") || type.equals("user.message")) {
        return null; // a new turn started after the last idle
      }
      if (type.equals("session.status_idle")) {
        JsonObject r = e.getJsonObject("stop_reason");
        return r == null ? null : r.getString("type", null);
      }
    }
    return null;
  }

  private static String lastError(List<JsonObject> events) {
    for (int i = events.size() - 1; i >= 0; i--) {
      JsonObject e = events.get(i);
      if ("session.error".equals(e.getString("type", "")) && e.getJsonObject("error") != null) {
        return " ("
            + e.getJsonObject("error").getString("type", "unknown").replaceAll("[^a-z_]", "")
            + ")";
      }
    }
    return "";
  }

  // --- run state ------------------------------------------------------------------------------

  private Optional<RunRow> load(UUID runId) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select workspace_id, created_by_user_id, created_by_token_id, status, spec::text, metadata::text,"
                    + " timeout_seconds, started_at, cancel_requested_at is not null or delete_requested_at is not null, attempt_count,"
                    + " cap_storage_bytes, cap_output_safety_bytes"
                    + " from runs where id = ? and lease_owner = ? and lease_expires_at > now()")) {
      ps.setObject(1, runId);
      ps.setString(2, settings.workerId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Timestamp started = rs.getTimestamp(8);
        return Optional.of(
            new RunRow(
                runId,
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                json(rs.getString(5)),
                json(rs.getString(6)),
                rs.getInt(7),
                started == null ? null : started.toInstant(),
                rs.getBoolean(9),
                rs.getInt(10),
                rs.getLong(11),
                rs.getLong(12)));
      }
    }
  }

  private UUID openAttempt(RunRow run) throws SQLException {
    UUID id = UUID.randomUUID();
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement lost =
          c.prepareStatement(
              "update run_attempts set outcome = 'lost', ended_at = now() where run_id = ? and outcome = 'running'")) {
        lost.setObject(1, run.id());
        lost.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into run_attempts (id, run_id, workspace_id, attempt_no, worker_id) values (?, ?, ?, ?, ?)"
                  + " on conflict (run_id, attempt_no) do nothing")) {
        ps.setObject(1, id);
        ps.setObject(2, run.id());
        ps.setObject(3, run.workspaceId());
        ps.setInt(4, Math.max(1, run.attemptCount()));
        ps.setString(5, settings.workerId());
        if (ps.executeUpdate() == 0) {
          throw new LeaseLost();
        }
      }
    }
    return id;
  }

  private void heartbeat(UUID runId) throws SQLException {
    lease.update(
        runId,
        "lease_expires_at = now() + make_interval(secs => ?)",
        settings.lease().toMillis() / 1000.0);
  }

  private void finish(
      RunRow run, UUID attemptId, String status, ErrorClass errorClass, String code, String message)
      throws SQLException {
    lease.update(
        run.id(),
        "status = ?, finished_at = now(), started_at = coalesce(started_at, now()),"
            + " failure_class = ?, failure_code = ?, failure_message = ?,"
            + " lease_owner = null, lease_expires_at = null, next_due_at = now(), cleanup_status = 'pending'",
        status,
        errorClass == null || status.equals("timed_out") ? null : errorClass.wire(),
        code,
        RunLease.truncate(message, 2000));
    endAttemptQuietly(attemptId, status, errorClass, code, message);
  }

  private void handleProviderFailure(UUID runId, UUID attemptId, ProviderException e) {
    try {
      if (e.errorClass() == ErrorClass.TRANSIENT) {
        release(runId, attemptId, e.errorClass(), e.code(), e.getMessage());
        return;
      }
      RunRow run = load(runId).orElseThrow(LeaseLost::new);
      finish(run, attemptId, "failed", e.errorClass(), e.code(), e.getMessage());
    } catch (SQLException | LeaseLost | Finished ignored) {
      // The lease expires and the run is picked up again.
    }
  }

  /**
   * Gives the run back for a later attempt with backoff, or fails it once its attempts are used up.
   */
  private void release(
      UUID runId, UUID attemptId, ErrorClass errorClass, String code, String message)
      throws SQLException {
    RunRow run = load(runId).orElseThrow(LeaseLost::new);
    if (run.attemptCount() >= settings.maxAttempts()) {
      finish(
          run,
          attemptId,
          "failed",
          errorClass,
          code,
          message + " (after " + run.attemptCount() + " attempts)");
      return;
    }
    double seconds =
        settings.retryBase().toMillis() / 1000.0 * (1L << Math.min(run.attemptCount() - 1, 10));
    lease.update(
        runId,
        "lease_owner = null, lease_expires_at = null, next_due_at = now() + make_interval(secs => ?)",
        seconds);
    endAttemptQuietly(attemptId, "failed", errorClass, code, message);
  }

  private void endAttemptQuietly(
      UUID attemptId, String outcome, ErrorClass errorClass, String code, String message) {
    if (attemptId == null) {
      return;
    }
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "update run_attempts set outcome = ?, error_class = ?, error_code = ?, error_message = ?, ended_at = now()"
                    + " where id = ? and outcome = 'running'")) {
      ps.setString(1, outcome);
      ps.setString(2, errorClass == null ? null : errorClass.wire());
      ps.setString(3, code);
      ps.setString(4, RunLease.truncate(message, 2000));
      ps.setObject(5, attemptId);
      ps.executeUpdate();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "could not end attempt " + attemptId, e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LeaseLost();
    }
  }

  private static JsonObject json(String s) {
    return Json.createReader(new StringReader(s)).readObject();
  }

  private static Timestamp time(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return Timestamp.from(OffsetDateTime.parse(iso).toInstant());
    } catch (RuntimeException e) {
      return null;
    }
  }
}
