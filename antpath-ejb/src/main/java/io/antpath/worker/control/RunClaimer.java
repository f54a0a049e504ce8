package io.antpath.worker.control;

import io.antpath.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Claims due runs for one worker instance in one statement: {@code FOR UPDATE SKIP LOCKED}, so two
 * instances never claim the same run, and fair across workspaces: a candidate's turn is the number
 * of runs its workspace already has in flight plus its rank among the workspace's due runs (oldest
 * first), and lower turns are claimed first. So a workspace with nothing running goes before one
 * with six running, however long the latter's queue or however old its runs, and the first run of
 * every waiting workspace comes before the second of any. A workspace at its frozen concurrency cap
 * is skipped. A run whose lease expired (its worker died) is due again and is claimed like a new
 * one.
 *
 * <p>The due conditions appear twice on purpose: under READ COMMITTED a row that another instance
 * claimed after this statement's snapshot is no longer locked when {@code SKIP LOCKED} reaches it,
 * and only the conditions of the locking query itself are re-checked on its newest version.
 */
public final class RunClaimer {
  private static final String CLAIM =
      """
      with leased as (
          select workspace_id, count(*) as n
            from runs
           where lease_owner is not null and lease_expires_at > now()
           group by workspace_id
      ),
      ranked as (
          select r.id, coalesce(r.next_due_at, r.lease_expires_at) as due,
                 coalesce(l.n, 0) + row_number() over (partition by r.workspace_id
                                    order by coalesce(r.next_due_at, r.lease_expires_at), r.id) as turn,
                 r.cap_max_concurrent_runs as cap
            from runs r
            left join leased l on l.workspace_id = r.workspace_id
           where r.status in ('queued', 'starting', 'running')
             and ((r.lease_owner is null and r.next_due_at <= now())
                  or (r.lease_owner is not null and r.lease_expires_at <= now()))
      ),
      picked as (
          select id from runs
           where id in (select id from ranked where turn <= cap
                         order by turn, due limit ?)
             -- Checked again on the row as it is now: "ranked" saw an older snapshot, and a run
             -- another instance claimed (and committed) since is no longer locked, only leased.
             and status in ('queued', 'starting', 'running')
             and ((lease_owner is null and next_due_at <= now())
                  or (lease_owner is not null and lease_expires_at <= now()))
           for update skip locked
      )
      update runs r
         set lease_owner = ?, lease_expires_at = now() + make_interval(secs => ?),
             attempt_count = r.attempt_count + 1,
             status = case when r.status = 'queued' then 'starting' else r.status end,
             next_due_at = null, updated_at = now(), version = r.version + 1
        from picked
       where r.id = picked.id
      returning r.id
      """;

  private final DataSource dataSource;

  public RunClaimer(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Claims at most {@code max} due runs for {@code workerId} with a lease of {@code lease}. */
  public List<UUID> claim(String workerId, int max, Duration lease) throws SQLException {
    if (max <= 0) {
      return List.of();
    }
    return Jdbc.list(
        dataSource,
        CLAIM,
        rs -> rs.getObject(1, UUID.class),
        max,
        workerId,
        lease.toMillis() / 1000.0);
  }

  /**
   * Renews this worker's leases on {@code runs} (the ones it is working on), so a long provider
   * call or retry pause cannot let a lease lapse while the worker lives; returns the runs it still
   * owns. A run whose lease another worker took over is not renewed: its driver stops at its next
   * write.
   */
  public List<UUID> renew(String workerId, List<UUID> runs, Duration lease) throws SQLException {
    if (runs.isEmpty()) {
      return List.of();
    }
    try (Connection c = dataSource.getConnection()) {
      return Jdbc.list(
          c,
          "update runs set lease_expires_at = now() + make_interval(secs => ?)"
              + " where id = any(?) and lease_owner = ? and lease_expires_at > now() returning id",
          rs -> rs.getObject(1, UUID.class),
          lease.toMillis() / 1000.0,
          c.createArrayOf("uuid", runs.toArray()),
          workerId);
    }
  }
}
