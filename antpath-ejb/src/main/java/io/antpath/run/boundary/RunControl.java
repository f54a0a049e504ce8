package io.antpath.run.boundary;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.NotFoundException;
import io.antpath.audit.control.AuditTrail;
import io.antpath.platform.Timestamps;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.ratelimit.control.RateLimiter;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunRefusedException;
import io.antpath.run.entity.RunStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cancelling and deleting runs. A queued run that no worker holds is cancelled at once (nothing
 * exists on the provider yet); otherwise the request is recorded and the worker acts on it before
 * its next side effect. Deletion only marks the run: data goes after cleanup and storage deletion.
 */
@Stateless
public class RunControl {
  // Guarded like every run state change: only a queued run whose lease (if any) has expired.
  private static final String CANCEL_UNCLAIMED =
      "update runs set status = ?3, finished_at = ?2, cancel_requested_at ="
          + " coalesce(cancel_requested_at, ?2), next_due_at = ?2, updated_at = ?2, version ="
          + " version + 1 where id = ?1 and status = ?4 and (lease_owner is null or"
          + " lease_expires_at < ?2)";

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject RateLimiter limiter;

  @Inject
  @ConfigProperty(name = "antpath.ratelimit.run-mutations-per-minute")
  Provider<Integer> mutationsPerMinute;

  /**
   * @throws RunRefusedException {@code run_terminal} when the run has already ended
   */
  public Run cancel(Caller caller, UUID runId) {
    Instant now = guard(caller);
    Run run = locked(caller, runId);
    if (run.getStatus() == RunStatus.CANCELED) {
      return run; // Cancelling a cancelled run again is a no-op, not an error.
    }
    if (run.getStatus().isTerminal()) {
      throw new RunRefusedException(
          "run_terminal",
          "the run has already ended (" + run.getStatus().name().toLowerCase() + ")");
    }
    if (cancelUnclaimed(runId, now) == 0) {
      run.requestCancel(now);
    } else {
      em.refresh(run);
    }
    audit.success(caller, "run.cancel", "run", runId.toString(), now);
    return run;
  }

  /** Marks the run for deletion (cancelling it first when it is still live). */
  public Run delete(Caller caller, UUID runId) {
    Instant now = guard(caller);
    Run run = locked(caller, runId);
    if (!run.getStatus().isTerminal()) {
      cancelUnclaimed(runId, now);
      em.refresh(run);
    }
    run.requestDeletion(now);
    audit.success(caller, "run.delete", "run", runId.toString(), now);
    return run;
  }

  /** Cancels the run at once if it is queued and no worker holds it; returns the rows changed. */
  private int cancelUnclaimed(UUID runId, Instant now) {
    return em.createNativeQuery(CANCEL_UNCLAIMED)
        .setParameter(1, runId)
        .setParameter(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .setParameter(3, RunStatus.CANCELED.wire())
        .setParameter(4, RunStatus.QUEUED.wire())
        .executeUpdate();
  }

  private Instant guard(Caller caller) {
    AccessPolicy.require(caller, Action.RUNS_WRITE);
    Instant now = Timestamps.now();
    limiter.hit(
        "run-mutation:workspace:" + caller.workspaceId(),
        mutationsPerMinute.get(),
        Duration.ofMinutes(1),
        "run cancellations and deletions",
        now);
    return now;
  }

  /**
   * The run, read with its row lock ({@code select ... for update}) in one statement: concurrent
   * cancels and deletes of one run queue up behind each other and each sees the state the previous
   * one committed. Locking after a plain read would compare a version read before the wait and fail
   * the later request with an optimistic-lock error.
   */
  private Run locked(Caller caller, UUID runId) {
    return WorkspaceScope.of(em, caller.workspaceId())
        .where(Run.class, "e.id = :id")
        .setParameter("id", runId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> new NotFoundException("run"));
  }
}
