package io.antpath.worker.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Claims due runs for one worker instance in one statement: {@code FOR UPDATE SKIP LOCKED}, so two
 * instances never claim the same run, and fair across workspaces: candidates are ranked per
 * workspace (oldest due first) and taken round by round, so the first run of every waiting
 * workspace comes before the second run of any; a workspace at its frozen concurrency cap is
 * skipped. A run whose lease expired (its worker died) is due again and is claimed like a new one.
 */
public final class RunClaimer {
  private static final String CLAIM =
      """
      with ranked as (
          select r.id, r.next_due_at,
                 row_number() over (partition by r.workspace_id order by r.next_due_at, r.id) as turn,
                 r.cap_max_concurrent_runs
                   - (select count(*) from runs x
                       where x.workspace_id = r.workspace_id and x.id <> r.id
                         and x.lease_owner is not null and x.lease_expires_at > now()) as room
            from runs r
           where r.next_due_at <= now()
             and r.status in ('queued', 'starting', 'running')
             and (r.lease_owner is null or r.lease_expires_at <= now())
      ),
      picked as (
          select id from runs
           where id in (select id from ranked where turn <= room
                         order by turn, next_due_at limit ?)
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
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(CLAIM)) {
      ps.setInt(1, max);
      ps.setString(2, workerId);
      ps.setDouble(3, lease.toMillis() / 1000.0);
      List<UUID> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
      return ids;
    }
  }
}
