package io.antpath.worker.control;

import io.antpath.capture.control.OutputCapture;
import io.antpath.cleanup.control.RunCleaner;
import io.antpath.platform.Redacted;
import io.antpath.platform.db.Columns;
import io.antpath.platform.db.Jdbc;
import io.antpath.provider.control.ClaudeApi;
import io.antpath.provider.control.ClaudeRequests;
import io.antpath.provider.control.ProviderException;
import io.antpath.provider.control.ProviderException.ErrorClass;
import io.antpath.provider.control.ResourceJournal;
import io.antpath.provider.entity.ResourceKind;
import io.antpath.run.control.LeaseLost;
import io.antpath.run.control.RunLease;
import io.antpath.run.control.SecretsOpener;
import io.antpath.run.entity.AttemptOutcome;
import io.antpath.run.entity.CleanupStatus;
import io.antpath.run.entity.FailureClass;
import io.antpath.run.entity.RunStatus;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The state machine of a run's life on the provider, one step per claim. A worker claims a due run
 * ({@link RunClaimer}), calls {@link #step}, and the step does one short piece of work under the
 * lease, writes the run's next state and due time, and lets go. A run that waits for its session
 * costs a row and a due time: no thread, no connection.
 *
 * <table>
 *   <caption>Transitions (status, step, next)</caption>
 *   <tr><th>status</th><th>step</th><th>then</th></tr>
 *   <tr><td>queued</td><td>claimed (admission within the workspace's cap)</td><td>starting</td></tr>
 *   <tr><td>starting</td><td>provision: agent, environment, vault + MCP credentials, session with
 *       the input as its initial event, each journalled ({@link ResourceJournal})</td>
 *       <td>running, due at once</td></tr>
 *   <tr><td>running</td><td>await: session status, new events ({@link EventIngest}); session still
 *       working</td><td>running, due after the poll delay (growing with the session's age,
 *       capped)</td></tr>
 *   <tr><td>running</td><td>await: idle with {@code end_turn}</td><td>capture, then succeeded</td></tr>
 *   <tr><td>running</td><td>await: idle with another stop reason, or terminated</td>
 *       <td>capture, then failed (provider_permanent)</td></tr>
 *   <tr><td>starting / running</td><td>cancel or delete requested; timeout passed</td>
 *       <td>interrupt, capture, then canceled / timed_out</td></tr>
 *   <tr><td>starting / running</td><td>transient provider failure</td><td>same status, due after
 *       backoff, next attempt; failed once the attempts are used up</td></tr>
 *   <tr><td>any live</td><td>tenant- or provider-permanent failure, secrets gone</td>
 *       <td>failed</td></tr>
 *   <tr><td>terminal</td><td>(this class is done)</td><td>cleanup pending, due at once ({@link
 *       RunCleaner})</td></tr>
 * </table>
 *
 * <p>Attempts: a run's {@code run_attempts} row stays open across its steps. A new attempt is
 * opened when the claim bumped {@code attempt_count} (the first claim, or a lease that expired
 * because its worker died: the old attempt is marked lost) or after a transient failure released
 * the run.
 *
 * <p>Every write is lease-guarded ({@link RunLease}); a worker that lost its lease stops at its
 * next write ({@link LeaseLost}) having written nothing.
 */
public final class RunDriver {
  /** Looked up once: {@code Json.create*} searches the class path for a provider on every call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  private static final Logger LOG = Logger.getLogger(RunDriver.class.getName());

  /** Settings of the run steps. */
  public record Settings(
      String workerId,
      Duration lease,
      Duration pollMin,
      Duration pollMax,
      int maxAttempts,
      Duration retryBase,
      Duration retryMax) {}

  /** What a step left behind. */
  public enum Outcome {
    /** The run waits for its next due time (its session works, or a retry is pending). */
    WAITING,
    /** The run is terminal and handed to cleanup. */
    FINISHED,
    /** This worker no longer owns the run; it wrote nothing more. */
    LOST
  }

  private final DataSource ds;
  private final ClaudeApi api;
  private final SecretsOpener secrets;
  private final Settings settings;
  private final OutputCapture capture;
  private final RunLease lease;
  private final ResourceJournal journal;
  private final EventIngest events;

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
    this.journal = new ResourceJournal(ds, settings.workerId(), LeaseLost::new);
    this.events = new EventIngest(ds, api, settings.workerId());
  }

  /** The parts of a run the steps need. */
  record RunRow(
      UUID id,
      UUID workspaceId,
      UUID userId,
      UUID tokenId,
      RunStatus status,
      JsonObject spec,
      JsonObject metadata,
      int timeoutSeconds,
      Instant startedAt,
      boolean stopRequested,
      int attemptCount,
      long storageCapBytes,
      long safetyCapBytes,
      String eventsPage,
      int eventsSeen) {
    ClaudeRequests.Run request() {
      return new ClaudeRequests.Run(id, spec, metadata);
    }
  }

  /** Why a run stops early. */
  private enum Stop {
    CANCELED,
    TIMED_OUT
  }

  /**
   * Does the claimed run's next step; returns what it left behind. (The worker then wakes the run's
   * event streams on every instance: {@code RunSignals}.)
   */
  public Outcome step(UUID runId) {
    UUID attemptId = null;
    try {
      RunRow run = load(runId).orElseThrow(LeaseLost::new);
      attemptId = attempt(run);
      if (run.attemptCount() > settings.maxAttempts()) {
        return finish(
            run,
            attemptId,
            RunStatus.FAILED,
            ErrorClass.INTERNAL,
            "attempts_exhausted",
            "the run's workers stopped " + (run.attemptCount() - 1) + " times");
      }
      Optional<byte[]> bundle = secrets.open(run.workspaceId(), run.id());
      if (bundle.isEmpty()) {
        return finish(
            run,
            attemptId,
            RunStatus.FAILED,
            ErrorClass.INTERNAL,
            "secrets_missing",
            "the run's secrets are gone");
      }
      JsonObject sealed =
          JSON.createReader(new StringReader(new String(bundle.get(), StandardCharsets.UTF_8)))
              .readObject();
      String key = sealed.getString("anthropicApiKey");
      return run.status() == RunStatus.STARTING
          ? provision(run, attemptId, key, sealed)
          : await(run, attemptId, key);
    } catch (LeaseLost e) {
      if (attemptId != null) {
        endAttempt(attemptId, AttemptOutcome.LOST, null, null, null);
      }
      LOG.fine(() -> "run " + runId + ": lease lost, stopping");
      return Outcome.LOST;
    } catch (ProviderException e) {
      return providerFailure(runId, attemptId, e);
    } catch (SQLException | RuntimeException e) {
      // Logged by class and frames only: a message could carry a request's header or body.
      LOG.log(Level.WARNING, "run " + runId + ": internal failure " + Redacted.describe(e));
      try {
        return release(
            runId,
            attemptId,
            ErrorClass.INTERNAL,
            "internal_error",
            "internal error; see the server log");
      } catch (SQLException | RuntimeException f) {
        return unrecorded(runId, "its release after an internal failure", f);
      }
    }
  }

  // --- provision --------------------------------------------------------------------------------

  private Outcome provision(RunRow run, UUID attemptId, String key, JsonObject sealed)
      throws SQLException {
    Optional<Stop> stop = stopAsked(run);
    if (stop.isPresent()) {
      return stop(run, attemptId, key, null, stop.get());
    }
    ClaudeRequests.Run r = run.request();
    String agentMarker = ClaudeRequests.marker(r, ResourceKind.AGENT.wire());
    String agentId =
        ensure(
            run,
            attemptId,
            ResourceKind.AGENT,
            agentMarker,
            () ->
                api.createAgent(
                    key,
                    ClaudeRequests.agentBody(r, agentMarker, sealed.getJsonArray("skills")),
                    agentMarker),
            key);
    String envMarker = ClaudeRequests.marker(r, ResourceKind.ENVIRONMENT.wire());
    String envId =
        ensure(
            run,
            attemptId,
            ResourceKind.ENVIRONMENT,
            envMarker,
            () ->
                api.createEnvironment(key, ClaudeRequests.environmentBody(r, envMarker), envMarker),
            key);
    JsonArrayBuilder vaultIds = JSON.createArrayBuilder();
    JsonObject mcp = sealed.getJsonObject("mcpCredentials");
    if (mcp != null && !mcp.isEmpty()) {
      String vaultMarker = ClaudeRequests.marker(r, ResourceKind.VAULT.wire());
      String vaultId =
          ensure(
              run,
              attemptId,
              ResourceKind.VAULT,
              vaultMarker,
              () -> api.createVault(key, ClaudeRequests.vaultBody(r, vaultMarker), vaultMarker),
              key);
      vaultIds.add(vaultId);
      for (String server : mcp.keySet()) {
        String url = ClaudeRequests.mcpUrl(r, server);
        JsonObject body = ClaudeRequests.credentialBody(server, url, mcp.getJsonObject(server));
        String marker = ClaudeRequests.marker(r, ResourceKind.CREDENTIAL.wire() + "-" + server);
        journal.ensure(
            run.id(),
            run.workspaceId(),
            attemptId,
            ResourceKind.CREDENTIAL,
            marker,
            ResourceJournal.of(
                () -> api.findCredential(key, vaultId, server),
                () -> api.createCredential(key, vaultId, body)));
      }
    }
    JsonArray vaults = vaultIds.build();
    String sessionMarker = ClaudeRequests.marker(r, ResourceKind.SESSION.wire());
    heartbeat(run.id());
    ensure(
        run,
        attemptId,
        ResourceKind.SESSION,
        sessionMarker,
        () ->
            api.createSession(
                key,
                ClaudeRequests.sessionBody(r, sessionMarker, agentId, envId, vaults),
                sessionMarker),
        key);
    lease.update(
        run.id(),
        "status = ?, started_at = coalesce(started_at, now()),"
            + " lease_owner = null, lease_expires_at = null, next_due_at = now()",
        RunStatus.RUNNING.wire());
    return Outcome.WAITING;
  }

  private String ensure(
      RunRow run,
      UUID attemptId,
      ResourceKind kind,
      String marker,
      java.util.function.Supplier<String> create,
      String key)
      throws SQLException {
    heartbeat(run.id());
    return journal.ensure(
        run.id(),
        run.workspaceId(),
        attemptId,
        kind,
        marker,
        ResourceJournal.of(() -> api.findByMarker(key, kind.wire(), marker), create));
  }

  // --- await --------------------------------------------------------------------------------

  private Outcome await(RunRow run, UUID attemptId, String key) throws SQLException {
    String sessionId =
        journal
            .providerId(run.id(), ResourceKind.SESSION)
            .orElseThrow(
                () ->
                    new ProviderException(
                        ErrorClass.INTERNAL,
                        "session_missing",
                        0,
                        "running run without a journalled session",
                        null));
    Optional<Stop> stop = stopAsked(run);
    if (stop.isPresent()) {
      return stop(run, attemptId, key, sessionId, stop.get());
    }
    String status = api.session(key, sessionId).getString("status", "");
    events.ingest(
        new EventIngest.Cursor(
            run.id(),
            run.workspaceId(),
            attemptId,
            run.userId(),
            run.tokenId(),
            model(run),
            run.eventsPage(),
            run.eventsSeen()),
        key,
        sessionId);
    // The stored events decide only once the session has settled: no reads while it works.
    boolean settled = "terminated".equals(status) || "idle".equals(status);
    EventIngest.Turn turn =
        settled ? events.turn(run.id()) : new EventIngest.Turn(false, null, null);
    String error = turn.lastError() == null ? "" : " (" + clean(turn.lastError()) + ")";
    if ("terminated".equals(status)) {
      captureOutputs(run, key, sessionId);
      return finish(
          run,
          attemptId,
          RunStatus.FAILED,
          ErrorClass.PROVIDER_PERMANENT,
          "session_terminated",
          "the Claude session terminated" + error);
    }
    if ("idle".equals(status) && turn.stopReason() != null) {
      captureOutputs(run, key, sessionId);
      String reason = clean(turn.stopReason());
      return switch (reason) {
        case "end_turn" -> finish(run, attemptId, RunStatus.SUCCEEDED, null, null, null);
        case "retries_exhausted" ->
            finish(
                run,
                attemptId,
                RunStatus.FAILED,
                ErrorClass.PROVIDER_PERMANENT,
                "session_failed",
                "the session's turn failed" + error);
        default ->
            finish(
                run,
                attemptId,
                RunStatus.FAILED,
                ErrorClass.PROVIDER_PERMANENT,
                "session_" + reason,
                "the session stopped: " + reason);
      };
    }
    lease.update(
        run.id(),
        "lease_owner = null, lease_expires_at = null, next_due_at = case"
            + " when cancel_requested_at is not null or delete_requested_at is not null then now()"
            + " else now() + make_interval(secs => ?) end",
        pollDelay(run).toMillis() / 1000.0);
    return Outcome.WAITING;
  }

  /**
   * How long a running session waits for its next look: a tenth of its age, between the minimum and
   * the maximum poll delay. A short session is seen finishing quickly; a session hours long costs a
   * few looks a minute.
   */
  Duration pollDelay(RunRow run) {
    Duration age =
        run.startedAt() == null ? Duration.ZERO : Duration.between(run.startedAt(), Instant.now());
    Duration d = age.dividedBy(10);
    if (d.compareTo(settings.pollMin()) < 0) {
      return settings.pollMin();
    }
    return d.compareTo(settings.pollMax()) > 0 ? settings.pollMax() : d;
  }

  private static String clean(String s) {
    return s.replaceAll("[^a-z_]", "");
  }

  private Optional<Stop> stopAsked(RunRow run) {
    if (run.stopRequested()) {
      return Optional.of(Stop.CANCELED);
    }
    if (run.startedAt() != null
        && Instant.now().isAfter(run.startedAt().plusSeconds(run.timeoutSeconds()))) {
      return Optional.of(Stop.TIMED_OUT);
    }
    return Optional.empty();
  }

  /** Cancellation, deletion or timeout: interrupt the session (if any), capture, end the run. */
  private Outcome stop(RunRow run, UUID attemptId, String key, String sessionId, Stop stop)
      throws SQLException {
    if (sessionId != null) {
      try {
        api.sendEvents(key, sessionId, ClaudeRequests.interrupt());
      } catch (ProviderException e) {
        // The session may be gone or the key revoked; cleanup deals with what is left.
      }
      captureOutputs(run, key, sessionId);
    }
    return stop == Stop.CANCELED
        ? finish(run, attemptId, RunStatus.CANCELED, null, null, null)
        : finish(
            run,
            attemptId,
            RunStatus.TIMED_OUT,
            null,
            "timed_out",
            "the run exceeded its timeout of " + run.timeoutSeconds() + " s");
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

  private static String model(RunRow run) {
    JsonValue m = run.spec().getJsonObject("agent").get("model");
    String s =
        m instanceof JsonString js
            ? js.getString()
            : m instanceof JsonObject o ? o.getString("id", "?") : "?";
    return Columns.truncate(s, 100);
  }

  // --- run rows and attempts ------------------------------------------------------------------

  private Optional<RunRow> load(UUID runId) throws SQLException {
    return Jdbc.first(
        ds,
        "select workspace_id, created_by_user_id, created_by_token_id, status, spec::text, metadata::text,"
            + " timeout_seconds, started_at, cancel_requested_at is not null or delete_requested_at is not null,"
            + " attempt_count, cap_storage_bytes, cap_output_safety_bytes, events_page, events_seen"
            + " from runs where id = ? and lease_owner = ? and lease_expires_at > now()"
            + " and status in (?, ?)",
        rs -> {
          Timestamp started = rs.getTimestamp(8);
          return new RunRow(
              runId,
              rs.getObject(1, UUID.class),
              rs.getObject(2, UUID.class),
              rs.getObject(3, UUID.class),
              RunStatus.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)),
              json(rs.getString(5)),
              json(rs.getString(6)),
              rs.getInt(7),
              started == null ? null : started.toInstant(),
              rs.getBoolean(9),
              rs.getInt(10),
              rs.getLong(11),
              rs.getLong(12),
              rs.getString(13),
              rs.getInt(14));
        },
        runId,
        settings.workerId(),
        RunStatus.STARTING.wire(),
        RunStatus.RUNNING.wire());
  }

  /**
   * The run's open attempt: the one numbered {@code attempt_count} if it is still running, else a
   * new one with that number (earlier ones still open were abandoned by a dead worker: lost).
   */
  private UUID attempt(RunRow run) throws SQLException {
    int no = Math.max(1, run.attemptCount());
    Optional<UUID> open =
        Jdbc.first(
            ds,
            "select id from run_attempts where run_id = ? and attempt_no = ? and outcome = ?",
            rs -> rs.getObject(1, UUID.class),
            run.id(),
            no,
            AttemptOutcome.RUNNING.wire());
    if (open.isPresent()) {
      return open.get();
    }
    UUID id = UUID.randomUUID();
    Jdbc.update(
        ds,
        "update run_attempts set outcome = ?, ended_at = now() where run_id = ? and outcome = ?",
        AttemptOutcome.LOST.wire(),
        run.id(),
        AttemptOutcome.RUNNING.wire());
    int n =
        Jdbc.update(
            ds,
            "insert into run_attempts (id, run_id, workspace_id, attempt_no, worker_id) values (?, ?, ?, ?, ?)"
                + " on conflict (run_id, attempt_no) do nothing",
            id,
            run.id(),
            run.workspaceId(),
            no,
            settings.workerId());
    if (n == 0) {
      throw new LeaseLost(); // another worker opened it: this one is stale
    }
    return id;
  }

  private void heartbeat(UUID runId) throws SQLException {
    lease.update(
        runId,
        "lease_expires_at = now() + make_interval(secs => ?)",
        settings.lease().toMillis() / 1000.0);
  }

  private Outcome finish(
      RunRow run,
      UUID attemptId,
      RunStatus status,
      ErrorClass errorClass,
      String code,
      String message)
      throws SQLException {
    lease.update(
        run.id(),
        "status = ?, finished_at = now(), started_at = coalesce(started_at, now()),"
            + " failure_class = ?, failure_code = ?, failure_message = ?,"
            + " lease_owner = null, lease_expires_at = null, next_due_at = now(), cleanup_status = ?",
        status.wire(),
        errorClass == null || status == RunStatus.TIMED_OUT
            ? null
            : failureClass(errorClass).wire(),
        code,
        Columns.truncate(message, 2000),
        CleanupStatus.PENDING.wire());
    endAttempt(attemptId, AttemptOutcome.valueOf(status.name()), errorClass, code, message);
    return Outcome.FINISHED;
  }

  private Outcome providerFailure(UUID runId, UUID attemptId, ProviderException e) {
    try {
      if (e.errorClass() == ErrorClass.TRANSIENT) {
        return release(runId, attemptId, e.errorClass(), e.code(), e.getMessage());
      }
      RunRow run = load(runId).orElseThrow(LeaseLost::new);
      return finish(run, attemptId, RunStatus.FAILED, e.errorClass(), e.code(), e.getMessage());
    } catch (SQLException | RuntimeException f) {
      return unrecorded(runId, "the provider failure " + e.code(), f);
    }
  }

  /**
   * A step could not record its outcome (the database refused, or the lease is gone): logged, by
   * class and frames only, and left to the lease, whose expiry hands the run to the next claim.
   */
  private static Outcome unrecorded(UUID runId, String what, Exception e) {
    if (!(e instanceof LeaseLost)) {
      LOG.log(
          Level.WARNING,
          "run "
              + runId
              + ": could not record "
              + what
              + " "
              + Redacted.describe(e)
              + "; the run is picked up again when its lease expires");
    }
    return Outcome.LOST;
  }

  /**
   * Gives the run back for its next attempt after a backoff, or fails it once its attempts are used
   * up. The attempt count goes up now, so the next claim opens a new attempt.
   */
  private Outcome release(
      UUID runId, UUID attemptId, ErrorClass errorClass, String code, String message)
      throws SQLException {
    RunRow run = load(runId).orElseThrow(LeaseLost::new);
    if (run.attemptCount() >= settings.maxAttempts()) {
      return finish(
          run,
          attemptId,
          RunStatus.FAILED,
          errorClass,
          code,
          message + " (after " + run.attemptCount() + " attempts)");
    }
    double base = settings.retryBase().toMillis() / 1000.0;
    double seconds =
        Math.min(
            settings.retryMax().toMillis() / 1000.0,
            base * (1L << Math.min(Math.max(run.attemptCount(), 1) - 1, 20)));
    lease.update(
        runId,
        "attempt_count = attempt_count + 1, lease_owner = null, lease_expires_at = null,"
            + " next_due_at = now() + make_interval(secs => ?)",
        seconds);
    endAttempt(attemptId, AttemptOutcome.FAILED, errorClass, code, message);
    return Outcome.WAITING;
  }

  private void endAttempt(
      UUID attemptId, AttemptOutcome outcome, ErrorClass errorClass, String code, String message) {
    if (attemptId == null) {
      return;
    }
    try {
      Jdbc.update(
          ds,
          "update run_attempts set outcome = ?, error_class = ?, error_code = ?, error_message = ?,"
              + " ended_at = now() where id = ? and outcome = ?",
          outcome.wire(),
          errorClass == null ? null : failureClass(errorClass).wire(),
          code,
          Columns.truncate(message, 2000),
          attemptId,
          AttemptOutcome.RUNNING.wire());
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "could not end attempt " + attemptId + " " + Redacted.describe(e));
    }
  }

  /** How the run and its attempt record a provider error class. */
  private static FailureClass failureClass(ErrorClass errorClass) {
    return switch (errorClass) {
      case TRANSIENT -> FailureClass.TRANSIENT;
      case TENANT_PERMANENT -> FailureClass.TENANT_PERMANENT;
      case PROVIDER_PERMANENT -> FailureClass.PROVIDER_PERMANENT;
      case INTERNAL -> FailureClass.INTERNAL;
    };
  }

  private static JsonObject json(String s) {
    return JSON.createReader(new StringReader(s)).readObject();
  }
}
