package io.antpath.run.control;

import io.antpath.platform.db.SqlLiterals;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunStatus;
import io.antpath.workspace.control.WorkspaceRuns;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The runs of one workspace, as the workspace feature asks for them ({@link WorkspaceRuns}). */
@Stateless
public class RunsOfWorkspace implements WorkspaceRuns {
  private static final List<RunStatus> UNFINISHED =
      List.of(RunStatus.QUEUED, RunStatus.STARTING, RunStatus.RUNNING);

  // The queued predicate stays a literal (from the enum) so runs_queued_idx serves the range; the
  // value written is bound.
  private static final String CANCEL_UNCLAIMED =
      "update runs set status = ?3, finished_at = ?2, cancel_requested_at = ?2, updated_at = ?2,"
          + " version = version + 1 where workspace_id = ?1 and status = "
          + SqlLiterals.quote(RunStatus.QUEUED.wire())
          + " and (lease_owner is null or lease_expires_at < ?2)";

  private static final String MARK_FOR_DELETION =
      "update runs set delete_requested_at = coalesce(delete_requested_at, ?2),"
          + " cancel_requested_at = case when status in (?3, ?4, ?5)"
          + "   then coalesce(cancel_requested_at, ?2) else cancel_requested_at end,"
          + " next_due_at = case when lease_owner is null or lease_expires_at < ?2"
          + "   then ?2 else next_due_at end,"
          + " updated_at = ?2, version = version + 1"
          + " where workspace_id = ?1";

  @PersistenceContext EntityManager em;

  @Override
  public long unfinished(UUID workspaceId) {
    return unfinished(em, workspaceId);
  }

  /** Runs of the workspace that are queued, starting or running (also the submission's cap). */
  public static long unfinished(EntityManager em, UUID workspaceId) {
    return WorkspaceScope.of(em, workspaceId)
        .count(Run.class, "e.status in :live", "live", UNFINISHED);
  }

  @Override
  public void deleteAll(UUID workspaceId, Instant at) {
    OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    em.createNativeQuery(CANCEL_UNCLAIMED)
        .setParameter(1, workspaceId)
        .setParameter(2, when)
        .setParameter(3, RunStatus.CANCELED.wire())
        .executeUpdate();
    em.createNativeQuery(MARK_FOR_DELETION)
        .setParameter(1, workspaceId)
        .setParameter(2, when)
        .setParameter(3, UNFINISHED.get(0).wire())
        .setParameter(4, UNFINISHED.get(1).wire())
        .setParameter(5, UNFINISHED.get(2).wire())
        .executeUpdate();
  }
}
