package io.antpath.cleanup.control;

import io.antpath.capture.control.OutputCapture;
import io.antpath.capture.control.OutputStorage;
import io.antpath.cleanup.entity.CleanupOutcome;
import io.antpath.cleanup.entity.CleanupStep;
import io.antpath.platform.Redacted;
import io.antpath.platform.db.Columns;
import io.antpath.platform.db.Jdbc;
import io.antpath.platform.db.SqlLiterals;
import io.antpath.provider.control.ClaudeApi;
import io.antpath.provider.control.ProviderException;
import io.antpath.provider.control.ProviderException.ErrorClass;
import io.antpath.provider.control.ResourceJournal;
import io.antpath.provider.entity.ResourceKind;
import io.antpath.provider.entity.ResourceState;
import io.antpath.run.control.LeaseLost;
import io.antpath.run.control.RunLease;
import io.antpath.run.control.SecretsOpener;
import io.antpath.run.entity.CleanupStatus;
import io.antpath.run.entity.RunStatus;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The cleanup state machine of terminal runs, separate from their user-facing status. Claims due
 * terminal runs under a lease (as the driver does, so several instances never clean one run at
 * once) and takes the steps in order, each idempotent and recorded in {@code cleanup_attempts}:
 *
 * <ol>
 *   <li>{@code capture}: the outputs, when the driver did not capture them (a crash, a run that
 *       failed on the provider);
 *   <li>{@code session_files}, {@code session}: the session's files and the session itself, unless
 *       the run retains its Claude session;
 *   <li>{@code agent} (archived: the API cannot delete agents), {@code environment}, {@code skills}
 *       (nothing is uploaded per run today), {@code provider_vault} (with its credentials);
 *   <li>{@code vault_entry}: antpath's vault entry is destroyed, always, and exactly once;
 *   <li>for a run pending deletion, {@code storage} (its output objects) and {@code metadata} (the
 *       run itself), never before the steps above ended.
 * </ol>
 *
 * <p>Resources journalled as {@code intended} (their create's answer was lost) are looked up on the
 * provider by their marker and deleted, or recorded as absent. A 404 counts as done. Transient
 * failures keep the vault entry (the key is still needed) and retry with backoff up to {@code
 * maxAttempts}; a refused key or an exhausted retry budget ends the provider steps, destroys the
 * vault entry anyway and leaves the cleanup {@code failed} with an actionable, redacted error that
 * names what is left on the provider.
 */
public final class RunCleaner {
  /** Looked up once: {@code Json.create*} searches the class path for a provider on every call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  private static final Logger LOG = Logger.getLogger(RunCleaner.class.getName());

  /** Destroys a run's vault entry; true when this call destroyed it. */
  @FunctionalInterface
  public interface SecretsDestroyer {
    boolean destroy(UUID workspaceId, UUID runId);
  }

  /** Settings of the cleanup. */
  public record Settings(
      String workerId,
      Duration lease,
      int maxAttempts,
      Duration retryBase,
      Duration retryMax,
      boolean retainSessionsByDefault) {}

  /**
   * The terminal statuses as a literal IN list: the claim's predicate must imply the one of {@code
   * runs_cleanup_due_idx}, which PostgreSQL proves only from the query's text.
   */
  private static final String TERMINAL =
      SqlLiterals.in(RunStatus.terminal().stream().map(RunStatus::wire).toList());

  /** Parameters: worker, lease seconds, done, done, in progress, done, limit. */
  private static final String CLAIM =
      """
      update runs r
         set lease_owner = ?, lease_expires_at = now() + make_interval(secs => ?),
             cleanup_status = case when r.cleanup_status = ? then ? else ? end,
             cleanup_attempt_count = r.cleanup_attempt_count
               + case when r.cleanup_status = ? then 0 else 1 end,
             next_due_at = null, updated_at = now(), version = r.version + 1
        from (select id from runs
               where status in %s
                 and ((lease_owner is null and next_due_at <= now())
                      or (lease_owner is not null and lease_expires_at <= now()))
               order by coalesce(next_due_at, lease_expires_at)
               limit ?
               for update skip locked) due
       where r.id = due.id
      returning r.id
      """
          .formatted(TERMINAL);

  /** The provider steps, in order. */
  private static final List<CleanupStep> PROVIDER_STEPS =
      List.of(
          CleanupStep.SESSION_FILES,
          CleanupStep.SESSION,
          CleanupStep.AGENT,
          CleanupStep.ENVIRONMENT,
          CleanupStep.SKILLS,
          CleanupStep.PROVIDER_VAULT);

  private final DataSource ds;
  private final ResourceJournal journal;
  private final CleanupAttempts attempts;
  private final RunPurge purge;
  private final ClaudeApi api;
  private final SecretsOpener secrets;
  private final SecretsDestroyer destroyer;
  private final OutputCapture capture;
  private final Settings settings;
  private final RunLease lease;

  public RunCleaner(
      DataSource ds,
      ClaudeApi api,
      SecretsOpener secrets,
      SecretsDestroyer destroyer,
      OutputCapture capture,
      OutputStorage storage,
      Settings settings) {
    this.ds = ds;
    this.api = api;
    this.secrets = secrets;
    this.destroyer = destroyer;
    this.capture = capture;
    this.settings = settings;
    this.lease = new RunLease(ds, settings.workerId());
    this.journal = new ResourceJournal(ds, settings.workerId(), LeaseLost::new);
    this.attempts = new CleanupAttempts(ds, settings.workerId());
    this.purge = new RunPurge(ds, storage, journal, attempts, settings.workerId());
  }

  /** Claims at most {@code max} terminal runs whose cleanup is due. */
  public List<UUID> claim(int max) throws SQLException {
    if (max <= 0) {
      return List.of();
    }
    return Jdbc.list(
        ds,
        CLAIM,
        rs -> rs.getObject(1, UUID.class),
        settings.workerId(),
        settings.lease().toMillis() / 1000.0,
        CleanupStatus.DONE.wire(),
        CleanupStatus.DONE.wire(),
        CleanupStatus.IN_PROGRESS.wire(),
        CleanupStatus.DONE.wire(),
        max);
  }

  record Row(
      UUID id,
      UUID workspaceId,
      UUID userId,
      UUID tokenId,
      CleanupStatus cleanupStatus,
      boolean retain,
      boolean deleteRequested,
      boolean captured,
      int attempts,
      long storageCap,
      long safetyCap) {}

  /** The provider could not do a step; {@code transientFailure} means "try again later". */
  private record StepFailure(String what, boolean transientFailure, boolean keyRefused) {}

  /** Cleans the claimed run as far as it can now; returns when done, rescheduled or lease lost. */
  public void clean(UUID runId) {
    try {
      Row run = load(runId).orElseThrow(LeaseLost::new);
      if (run.cleanupStatus() != CleanupStatus.DONE
          && run.cleanupStatus() != CleanupStatus.FAILED) {
        if (!cleanUp(run)) {
          return; // rescheduled
        }
        run = load(runId).orElseThrow(LeaseLost::new);
      }
      if (run.deleteRequested()) {
        purge.purge(run.id(), run.workspaceId());
        return;
      }
      lease.update(
          runId,
          "lease_owner = null, lease_expires_at = null,"
              + " next_due_at = case when delete_requested_at is not null then now() end");
    } catch (LeaseLost e) {
      LOG.info(() -> "cleanup of run " + runId + ": lease lost, stopping");
    } catch (SQLException | IOException | RuntimeException e) {
      // Logged by class and frames only: a message could carry a request's header or body.
      LOG.log(Level.WARNING, "cleanup of run " + runId + " failed " + Redacted.describe(e));
      try {
        internalFailure(runId);
      } catch (LeaseLost lost) {
        // another worker owns the cleanup now
      } catch (SQLException | RuntimeException f) {
        LOG.log(
            Level.WARNING,
            "cleanup of run "
                + runId
                + ": could not record the failure "
                + Redacted.describe(f)
                + "; the cleanup is claimed again when its lease expires");
      }
    }
  }

  /**
   * An internal error counts against the cleanup's budget like a transient provider failure: it is
   * retried with backoff, and once the attempts are used up the vault entry is destroyed anyway and
   * the cleanup ends failed. No failure class keeps a run's secrets forever.
   */
  private void internalFailure(UUID runId) throws SQLException {
    Row run = load(runId).orElseThrow(LeaseLost::new);
    String what = "internal error; see the server log";
    if (run.attempts() < settings.maxAttempts()) {
      reschedule(
          runId,
          run.attempts(),
          "retrying (attempt " + run.attempts() + " of " + settings.maxAttempts() + "): " + what);
      return;
    }
    destroyVaultEntry(run);
    lease.update(
        runId,
        "cleanup_status = ?, cleanup_error = ?, lease_owner = null, lease_expires_at = null,"
            + " next_due_at = case when delete_requested_at is not null then now() end",
        CleanupStatus.FAILED.wire(),
        Columns.truncate(
            "gave up after " + run.attempts() + " attempts: " + what + leftovers(run.id()), 2000));
  }

  /** The cleanup proper; false when it was rescheduled (transient failure, retries left). */
  private boolean cleanUp(Row run) throws SQLException {
    Optional<String> key =
        secrets
            .open(run.workspaceId(), run.id())
            .map(b -> new String(b, StandardCharsets.UTF_8))
            .map(s -> JSON.createReader(new StringReader(s)).readObject())
            .map(o -> o.getString("anthropicApiKey"));
    List<StepFailure> failures = new ArrayList<>();
    String session = journal.knownId(run.id(), ResourceKind.SESSION).orElse(null);

    if (!run.captured()) {
      Instant t0 = Instant.now();
      if (session == null) {
        attempt(
            run, CleanupStep.CAPTURE, t0, CleanupOutcome.SKIPPED, null, "no session, no outputs");
        lease.update(run.id(), "outputs_captured_at = now()");
      } else if (key.isEmpty()) {
        attempt(
            run,
            CleanupStep.CAPTURE,
            t0,
            CleanupOutcome.FAILED,
            "secrets_missing",
            "the run's key is gone");
      } else {
        OutputCapture.Result r =
            capture.capture(
                new OutputCapture.Target(
                    run.id(),
                    run.workspaceId(),
                    run.userId(),
                    run.tokenId(),
                    run.storageCap(),
                    run.safetyCap()),
                key.get(),
                session);
        attempt(
            run,
            CleanupStep.CAPTURE,
            t0,
            CleanupOutcome.SUCCEEDED,
            null,
            r.captured() + " captured, " + r.failed() + " failed");
        lease.update(run.id(), "outputs_captured_at = now()");
      }
    }

    boolean retain = run.retain() || settings.retainSessionsByDefault();
    StepFailure stop = null;
    for (CleanupStep step : PROVIDER_STEPS) {
      Instant t0 = Instant.now();
      if (stop != null) {
        if (hasLeftovers(run.id(), step)) {
          attempt(
              run,
              step,
              t0,
              CleanupOutcome.SKIPPED,
              "not_attempted",
              "stopped after: " + stop.what());
        }
        continue;
      }
      if (retain) {
        // The run keeps its Claude session, and with it what the session uses.
        if (hasLeftovers(run.id(), step)
            || (step == CleanupStep.SESSION_FILES && session != null)) {
          journal.retainAll(run.id(), kindOf(step));
          attempt(
              run,
              step,
              t0,
              CleanupOutcome.SKIPPED,
              null,
              "retained (cleanup.claudeSession = retain)");
        }
        continue;
      }
      if (key.isEmpty()) {
        if (hasLeftovers(run.id(), step)) {
          stop = new StepFailure("the run's key is gone", false, true);
          failures.add(stop);
          attempt(run, step, t0, CleanupOutcome.FAILED, "secrets_missing", stop.what());
        }
        continue;
      }
      StepFailure f = step(run, step, key.get(), session, t0);
      if (f != null) {
        failures.add(f);
        if (f.transientFailure() || f.keyRefused()) {
          stop = f;
        }
      }
    }

    boolean transientOnly =
        !failures.isEmpty() && failures.stream().allMatch(StepFailure::transientFailure);
    if (transientOnly && run.attempts() < settings.maxAttempts()) {
      reschedule(
          run.id(),
          run.attempts(),
          "retrying (attempt "
              + run.attempts()
              + " of "
              + settings.maxAttempts()
              + "): "
              + failures.get(0).what());
      return false;
    }

    destroyVaultEntry(run);

    if (failures.isEmpty()) {
      lease.update(run.id(), "cleanup_status = ?, cleanup_error = null", CleanupStatus.DONE.wire());
    } else {
      String error =
          (transientOnly
                  ? "gave up after " + run.attempts() + " attempts: "
                  : failures.stream().anyMatch(StepFailure::keyRefused)
                      ? "the provider refused the run's API key: "
                      : "")
              + failures.get(0).what()
              + leftovers(run.id());
      lease.update(
          run.id(),
          "cleanup_status = ?, cleanup_error = ?",
          CleanupStatus.FAILED.wire(),
          Columns.truncate(error, 2000));
    }
    return true;
  }

  /** One provider step over the run's journalled resources of its kind. */
  private StepFailure step(Row run, CleanupStep step, String key, String session, Instant t0)
      throws SQLException {
    if (step == CleanupStep.SESSION_FILES) {
      if (session == null
          || !journal.exists(run.id(), ResourceKind.SESSION, ResourceState.CREATED)) {
        return null;
      }
      try {
        int n = 0;
        for (JsonObject file : api.sessionFiles(key, session)) {
          try {
            api.deleteFile(key, file.getString("id"));
            n++;
          } catch (ProviderException e) {
            if (!e.isNotFound()) {
              throw e;
            }
          }
        }
        attempt(run, step, t0, CleanupOutcome.SUCCEEDED, null, n + " files deleted");
        return null;
      } catch (ProviderException e) {
        return failed(run, step, t0, e, "the session's files");
      }
    }
    ResourceKind kind = kindOf(step);
    List<ResourceJournal.Entry> resources = journal.open(run.id(), kind);
    if (resources.isEmpty()) {
      return null;
    }
    boolean gone = true;
    for (ResourceJournal.Entry r : resources) {
      String marker = r.marker();
      String id = r.providerId();
      try {
        if (id == null) {
          // Intended: its create may have happened; find it by its marker.
          Optional<String> found =
              kind == ResourceKind.SKILL
                  ? Optional.empty()
                  : api.findByMarker(key, kind.wire(), marker);
          if (found.isEmpty()) {
            journal.mark(marker, ResourceState.DELETED, "absent on the provider");
            continue;
          }
          id = found.get();
          journal.created(run.id(), marker, id);
        }
        try {
          switch (kind) {
            case SESSION -> api.deleteSession(key, id);
            case AGENT -> api.archiveAgent(key, id);
            case ENVIRONMENT -> api.deleteEnvironment(key, id);
            case VAULT -> api.deleteVault(key, id);
            default -> {
              // skills are referenced, not uploaded, per run: nothing to delete
            }
          }
          gone = false;
        } catch (ProviderException e) {
          if (!e.isNotFound()) {
            throw e;
          }
        }
        journal.mark(marker, ResourceState.DELETED, null);
      } catch (ProviderException e) {
        journal.mark(
            marker,
            e.errorClass() == ErrorClass.TRANSIENT ? journal.stateOf(marker) : ResourceState.FAILED,
            e.getMessage());
        return failed(run, step, t0, e, kind.wire() + (id == null ? "" : " " + id));
      }
    }
    if (kind == ResourceKind.VAULT) {
      journal.credentialsDeleted(run.id());
    }
    attempt(
        run, step, t0, gone ? CleanupOutcome.ALREADY_GONE : CleanupOutcome.SUCCEEDED, null, null);
    return null;
  }

  private StepFailure failed(
      Row run, CleanupStep step, Instant t0, ProviderException e, String what) throws SQLException {
    attempt(run, step, t0, CleanupOutcome.FAILED, e.code(), e.getMessage());
    // 409: the resource is busy (a session still stopping); worth another try later.
    return new StepFailure(
        what + ": " + e.getMessage(),
        e.errorClass() == ErrorClass.TRANSIENT || e.status() == 409,
        e.errorClass() == ErrorClass.TENANT_PERMANENT);
  }

  // --- journal --------------------------------------------------------------------------------

  /** Destroys the run's vault entry (always, whatever else the cleanup left) and records it. */
  private void destroyVaultEntry(Row run) throws SQLException {
    Instant t0 = Instant.now();
    boolean destroyed = destroyer.destroy(run.workspaceId(), run.id());
    attempt(
        run,
        CleanupStep.VAULT_ENTRY,
        t0,
        destroyed ? CleanupOutcome.SUCCEEDED : CleanupOutcome.ALREADY_GONE,
        null,
        null);
  }

  private boolean hasLeftovers(UUID runId, CleanupStep step) throws SQLException {
    return step != CleanupStep.SESSION_FILES && !journal.open(runId, kindOf(step)).isEmpty();
  }

  /** What is still on the provider, for the error message (ids only, no secrets). */
  private String leftovers(UUID runId) throws SQLException {
    List<String> left = journal.leftovers(runId);
    return left.isEmpty()
        ? ""
        : ". Left on the Claude side, to delete or archive in the Claude Console: "
            + String.join(", ", left);
  }

  /** The journal kind a provider step works on ({@code session_files}: the session's files). */
  private static ResourceKind kindOf(CleanupStep step) {
    return switch (step) {
      case SESSION_FILES -> ResourceKind.FILE;
      case SESSION -> ResourceKind.SESSION;
      case AGENT -> ResourceKind.AGENT;
      case ENVIRONMENT -> ResourceKind.ENVIRONMENT;
      case SKILLS -> ResourceKind.SKILL;
      case PROVIDER_VAULT -> ResourceKind.VAULT;
      default -> throw new IllegalArgumentException("not a provider step: " + step);
    };
  }

  // --- run state ------------------------------------------------------------------------------

  private Optional<Row> load(UUID runId) throws SQLException {
    return Jdbc.first(
        ds,
        "select workspace_id, created_by_user_id, created_by_token_id, cleanup_status, retain_claude_session,"
            + " delete_requested_at is not null, outputs_captured_at is not null, cleanup_attempt_count,"
            + " cap_storage_bytes, cap_output_safety_bytes"
            + " from runs where id = ? and lease_owner = ? and lease_expires_at > now()",
        rs ->
            new Row(
                runId,
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                CleanupStatus.fromWire(rs.getString(4)),
                rs.getBoolean(5),
                rs.getBoolean(6),
                rs.getBoolean(7),
                rs.getInt(8),
                rs.getLong(9),
                rs.getLong(10)),
        runId,
        settings.workerId());
  }

  /** Releases the run for another cleanup attempt after a backoff, showing why on the run. */
  private void reschedule(UUID runId, int attempts, String error) throws SQLException {
    double seconds =
        Math.min(
            settings.retryMax().toMillis() / 1000.0,
            settings.retryBase().toMillis()
                / 1000.0
                * (1L << Math.min(Math.max(attempts, 1) - 1, 20)));
    lease.update(
        runId,
        "cleanup_status = ?, cleanup_error = ?, lease_owner = null, lease_expires_at = null,"
            + " next_due_at = now() + make_interval(secs => ?)",
        CleanupStatus.PENDING.wire(),
        Columns.truncate(error, 2000),
        seconds);
  }

  private void attempt(
      Row run,
      CleanupStep step,
      Instant started,
      CleanupOutcome outcome,
      String code,
      String message)
      throws SQLException {
    attempts.record(run.id(), run.workspaceId(), step, started, outcome, code, message);
  }
}
