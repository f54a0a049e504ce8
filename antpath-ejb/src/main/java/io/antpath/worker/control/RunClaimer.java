package io.antpath.worker.control;

import io.antpath.platform.db.Jdbc;
import io.antpath.platform.db.SqlLiterals;
import io.antpath.run.entity.RunStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Claims due run steps for one worker instance, {@code FOR UPDATE SKIP LOCKED}, so two instances
 * never claim the same run. Two kinds of claim, each costing what it claims rather than the depth
 * of the queue:
 *
 * <ul>
 *   <li><b>Steps of live runs</b> (starting or running) that are due, and runs whose lease expired
 *       because their worker died: two index ranges ({@code runs_live_due_idx}, {@code
 *       runs_lease_idx}), oldest due first. A live run is already counted against its workspace's
 *       cap, so these are never held back.
 *   <li><b>Admission of queued runs</b>, fair across workspaces and within each workspace's frozen
 *       cap of live runs: a candidate's turn is its workspace's live runs plus its rank among the
 *       workspace's oldest queued runs, lower turns first. So a workspace with nothing running goes
 *       before one with six running, however long the latter's backlog.
 * </ul>
 *
 * <p>Admissions are serialised <em>per workspace</em> by transaction-scoped advisory locks, so two
 * instances can never both admit the last free place of a workspace, while instances admitting into
 * different workspaces do so in parallel. An admission is one transaction of two statements:
 *
 * <ol>
 *   <li>{@link #HEADS}: the workspaces with due queued runs and a free place (a loose index scan,
 *       then one {@code LATERAL} range each), ordered by the turn of their oldest run. It tries the
 *       lock of each of the first {@code max} ({@code pg_try_advisory_xact_lock}, never waiting)
 *       and skips those another instance holds; if fewer than {@code max} were locked, the next
 *       ones are tried ({@link #TRY_MORE}). Any fair choice of {@code max} runs lies within the
 *       {@code max} workspaces whose oldest runs have the lowest turns, so with no other instance
 *       admitting the choice is the same as over all workspaces.
 *   <li>{@link #ADMIT}: fair admission among the locked workspaces only. It is a <em>new</em>
 *       statement, so under READ COMMITTED it takes a new snapshot after the locks: it sees every
 *       admission into those workspaces committed before them, and no other instance can admit into
 *       them until this transaction ends. So its count of live runs is exact and no cap is ever
 *       exceeded. (Counting in the statement that takes the locks would use a snapshot from before
 *       them, blind to an admission committed while it waited for nothing but the lock.)
 * </ol>
 *
 * <p>A skipped workspace is being admitted into by another instance at that moment. If this
 * instance still has free slots afterwards, it waits for the holder of the first skipped workspace
 * to commit (bounded by a lock timeout), tries the other skipped ones, and admits from those it
 * holds with a fresh snapshot, so its free slots are filled now rather than at its next interval.
 * It waits in a second transaction holding no other admission lock, so two instances can never wait
 * for each other.
 *
 * <p>The due conditions appear twice on purpose: under READ COMMITTED a row that another instance
 * claimed after this statement's snapshot is no longer locked when {@code SKIP LOCKED} reaches it,
 * and only the conditions of the locking query itself are re-checked on its newest version.
 *
 * <p>A claim opens a new attempt ({@code attempt_count + 1}) when the run was queued or its lease
 * had expired; a due step of a live run continues its attempt. ({@link #claimRun} takes no
 * admission lock: it is for tests and tools that claim one known run.)
 */
public final class RunClaimer {
  /**
   * First key of the advisory locks that serialise admissions per workspace ("antp"); the second is
   * {@code hashtext} of the workspace id. Two workspaces that share a key are simply locked
   * together. (Two-key advisory locks never collide with one-key ones, such as Flyway's.)
   */
  static final int ADMISSION_LOCKS = 0x616e7470;

  /** How long an admission waits for another instance's admission into a workspace to commit. */
  private static final String ADMISSION_LOCK_TIMEOUT = "2s";

  /** SQLSTATE of a lock wait that ran into {@code lock_timeout}. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  /** Tries the admission lock of workspace {@code ws} (a column or parameter), never waiting. */
  private static final String TRY_LOCK =
      "pg_try_advisory_xact_lock(" + ADMISSION_LOCKS + ", hashtext(ws::text))";

  /**
   * Writes the run statuses into a statement's text as literals, from {@link RunStatus}: every
   * claim query must imply a partial index's predicate ({@code runs_queued_idx}: {@code status =
   * 'queued'}; {@code runs_live_due_idx}: {@code status in ('starting', 'running')}; {@code
   * runs_workspace_live_idx}), which PostgreSQL proves only from the query's own text, never from a
   * bound parameter. {@code {queued}}, {@code {starting}}, {@code {live}} (starting, running) and
   * {@code {unfinished}} (queued, starting, running) stand for them.
   */
  private static String statuses(String sql) {
    return sql.replace("{queued}", SqlLiterals.quote(RunStatus.QUEUED.wire()))
        .replace("{starting}", SqlLiterals.quote(RunStatus.STARTING.wire()))
        .replace("{live}", SqlLiterals.in(RunStatus.STARTING.wire(), RunStatus.RUNNING.wire()))
        .replace(
            "{unfinished}",
            SqlLiterals.in(
                RunStatus.QUEUED.wire(), RunStatus.STARTING.wire(), RunStatus.RUNNING.wire()));
  }

  /** The claim proper, shared: {@code picked(id, recovered)} is defined by each statement. */
  static final String TAKE =
      statuses(
          """
      update runs r
         set lease_owner = ?, lease_expires_at = now() + make_interval(secs => ?),
             attempt_count = r.attempt_count
               + case when picked.recovered or r.status = {queued} then 1 else 0 end,
             status = case when r.status = {queued} then {starting} else r.status end,
             next_due_at = null, updated_at = now(), version = r.version + 1
        from picked
       where r.id = picked.id
      returning r.id, picked.admission,
                extract(epoch from clock_timestamp() - picked.due)::float8 as lag
      """);

  static final String DUE_STEPS =
      statuses(
              """
      with due as (
          (select id from runs
            where status in {live} and lease_owner is null and next_due_at <= now()
            order by next_due_at limit ?)
          union all
          (select id from runs
            where lease_owner is not null and lease_expires_at <= now()
              and status in {unfinished}
            order by lease_expires_at limit ?)
      ),
      picked as (
          select id, lease_owner is not null as recovered, status = {queued} as admission,
                 case when lease_owner is null then next_due_at else lease_expires_at end as due
            from runs
           where id in (select id from due)
             -- Checked again on the row as it is now (see the class comment).
             and ((status in {live} and lease_owner is null and next_due_at <= now())
                  or (status in {unfinished}
                      and lease_owner is not null and lease_expires_at <= now()))
           limit ?
           for update skip locked
      )
      """)
          + TAKE;

  /**
   * The workspaces with due queued runs and a free place for one of their {@code ?} oldest, lowest
   * turn first ({@code live} runs, then the oldest run's due time), each with whether its admission
   * lock was taken: tried for the first {@code ?} rows only, {@code null} for the others. ({@code
   * CASE} calls the lock only where its condition holds.)
   */
  static final String HEADS =
      statuses(
          """
      with recursive waiting(ws) as (
          select (select workspace_id from runs where status = {queued}
                   order by workspace_id limit 1)
          union all
          select (select workspace_id from runs where status = {queued} and workspace_id > w.ws
                   order by workspace_id limit 1)
            from waiting w where w.ws is not null
      ),
      heads as (
          select w.ws, row_number() over (order by l.live, h.due, w.ws) as n
            from waiting w
           cross join lateral (select count(*) as live from runs
                                where workspace_id = w.ws and status in {live}) l
           cross join lateral (select min(due) as due, max(cap) as cap
                                 from (select next_due_at as due, cap_max_concurrent_runs as cap
                                         from runs
                                        where workspace_id = w.ws and status = {queued}
                                          and lease_owner is null and next_due_at <= now()
                                        order by next_due_at, id
                                        limit ?) oldest) h
           where w.ws is not null and l.live < h.cap
      )
      select ws, case when n <= ? then %s end as locked from heads order by n
      """
              .formatted(TRY_LOCK));

  /** Tries the admission locks of the workspaces {@code ?} (an array), never waiting. */
  static final String TRY_MORE = "select ws, " + TRY_LOCK + " from unnest(?::uuid[]) ws";

  /** Waits for the admission lock of workspace {@code ?} (bounded by {@code lock_timeout}). */
  static final String WAIT_LOCK =
      "select pg_advisory_xact_lock("
          + ADMISSION_LOCKS
          + ", hashtext(?::text)) from (select set_config('lock_timeout', ?, true)) timeout";

  /**
   * Admits from the workspaces {@code ?} (an array), whose admission locks it holds. Its candidates
   * are locked by primary key only: the re-checked status is a bound parameter ({@code queued}), so
   * no partial index's predicate is implied and the planner cannot choose to scan {@code
   * runs_queued_idx} and filter it by id instead, as it did while the table's statistics were stale
   * (every admission then read the whole queue).
   */
  static final String ADMIT =
      statuses(
              """
      with locked(ws) as (select unnest(?::uuid[])),
      candidates as (
          select c.id, l.live + c.rank as turn, c.due
            from locked w
           cross join lateral (select count(*) as live from runs
                                where workspace_id = w.ws and status in {live}) l
           cross join lateral (select id, next_due_at as due, cap_max_concurrent_runs as cap,
                                      row_number() over (order by next_due_at, id) as rank
                                 from runs
                                where workspace_id = w.ws and status = {queued}
                                  and lease_owner is null and next_due_at <= now()
                                order by next_due_at, id
                                limit ?) c
           where l.live + c.rank <= c.cap
           order by turn, due
           limit ?
      ),
      picked as (
          select id, false as recovered, true as admission, next_due_at as due from runs
           where id = any(array(select id from candidates))
             and status = ? and lease_owner is null and next_due_at <= now()
           for update skip locked
      )
      """)
          + TAKE;

  static final String ONE =
      statuses(
              """
      with picked as (
          select id, lease_owner is not null as recovered, status = {queued} as admission,
                 case when lease_owner is null then next_due_at else lease_expires_at end as due
            from runs r
           where id = ?
             and ((status in {live} and lease_owner is null and next_due_at <= now())
                  or (status in {unfinished}
                      and lease_owner is not null and lease_expires_at <= now())
                  or (status = {queued} and lease_owner is null and next_due_at <= now()
                      and (select count(*) from runs l where l.workspace_id = r.workspace_id
                             and l.status in {live}) < r.cap_max_concurrent_runs))
           for update skip locked
      )
      """)
          + TAKE;

  private final DataSource dataSource;

  private final Pickups pickups;

  /**
   * Told of every claimed step: whether it admitted a queued run, and how long after it became due
   * (submitted, retried, or its lease expired) it was claimed, in seconds.
   */
  @FunctionalInterface
  public interface Pickups {
    void pickedUp(boolean admission, double lagSeconds);
  }

  public RunClaimer(DataSource dataSource) {
    this(dataSource, (admission, lag) -> {});
  }

  public RunClaimer(DataSource dataSource, Pickups pickups) {
    this.dataSource = dataSource;
    this.pickups = pickups;
  }

  /** Maps a row of {@link #TAKE}'s answer to its run, telling {@link #pickups} of it. */
  private UUID taken(ResultSet rs) throws SQLException {
    pickups.pickedUp(rs.getBoolean(2), Math.max(0, rs.getDouble(3)));
    return rs.getObject(1, UUID.class);
  }

  /**
   * Claims at most {@code max} due steps for {@code workerId} with a lease of {@code lease}: steps
   * of live runs first (they are already admitted), then admissions of queued runs.
   */
  public List<UUID> claim(String workerId, int max, Duration lease) throws SQLException {
    if (max <= 0) {
      return List.of();
    }
    double seconds = lease.toMillis() / 1000.0;
    List<UUID> claimed =
        new ArrayList<>(
            Jdbc.list(dataSource, DUE_STEPS, this::taken, max, max, max, workerId, seconds));
    int room = max - claimed.size();
    if (room > 0) {
      claimed.addAll(admit(workerId, room, seconds));
    }
    return claimed;
  }

  /**
   * Admits at most {@code max} queued runs from the workspaces whose admission locks it takes
   * without waiting; then, with slots left, from those another instance held (see the class
   * comment).
   */
  private List<UUID> admit(String workerId, int max, double leaseSeconds) throws SQLException {
    List<UUID> skipped = new ArrayList<>();
    List<UUID> admitted =
        Jdbc.transaction(
            dataSource,
            c -> {
              List<UUID> locked = lockFree(c, max, skipped);
              return admitFrom(c, locked, workerId, max, leaseSeconds);
            });
    int room = max - admitted.size();
    if (room <= 0 || skipped.isEmpty()) {
      return admitted;
    }
    List<UUID> all = new ArrayList<>(admitted);
    try {
      all.addAll(
          Jdbc.transaction(
              dataSource,
              c -> {
                // Waits for the holder's commit (a few milliseconds); one that hangs costs at most
                // the lock timeout, after which this claim admits nothing more.
                Jdbc.list(c, WAIT_LOCK, rs -> null, skipped.get(0), ADMISSION_LOCK_TIMEOUT);
                List<UUID> locked = new ArrayList<>(List.of(skipped.get(0)));
                locked.addAll(tryLocks(c, skipped.subList(1, skipped.size()), new ArrayList<>()));
                return admitFrom(c, locked, workerId, room, leaseSeconds);
              }));
    } catch (SQLException e) {
      if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        throw e;
      }
    }
    return all;
  }

  /**
   * Takes the admission locks of up to {@code max} workspaces with due queued runs, lowest turn
   * first, without waiting; adds those another instance holds to {@code skipped}.
   */
  private static List<UUID> lockFree(Connection c, int max, List<UUID> skipped)
      throws SQLException {
    List<UUID> locked = new ArrayList<>();
    List<UUID> untried = new ArrayList<>();
    for (Object[] row :
        Jdbc.list(c, HEADS, rs -> new Object[] {rs.getObject(1), rs.getObject(2)}, max, max)) {
      UUID ws = (UUID) row[0];
      (row[1] == null ? untried : Boolean.TRUE.equals(row[1]) ? locked : skipped).add(ws);
    }
    while (locked.size() < max && !untried.isEmpty()) {
      List<UUID> next = untried.subList(0, Math.min(max - locked.size(), untried.size()));
      locked.addAll(tryLocks(c, List.copyOf(next), skipped));
      next.clear();
    }
    return locked;
  }

  /**
   * Tries the admission locks of {@code workspaces}; those another instance holds go to skipped.
   */
  private static List<UUID> tryLocks(Connection c, List<UUID> workspaces, List<UUID> skipped)
      throws SQLException {
    List<UUID> locked = new ArrayList<>();
    if (workspaces.isEmpty()) {
      return locked;
    }
    for (Object[] row :
        Jdbc.list(
            c,
            TRY_MORE,
            rs -> new Object[] {rs.getObject(1), rs.getBoolean(2)},
            c.createArrayOf("uuid", workspaces.toArray()))) {
      ((Boolean) row[1] ? locked : skipped).add((UUID) row[0]);
    }
    return locked;
  }

  /** Admits at most {@code max} runs from {@code locked} in a new statement (a new snapshot). */
  private List<UUID> admitFrom(
      Connection c, List<UUID> locked, String workerId, int max, double leaseSeconds)
      throws SQLException {
    if (locked.isEmpty()) {
      return List.of();
    }
    return Jdbc.list(
        c,
        ADMIT,
        this::taken,
        c.createArrayOf("uuid", locked.toArray()),
        max,
        max,
        RunStatus.QUEUED.wire(),
        workerId,
        leaseSeconds);
  }

  /**
   * Claims this one run if a step of it is due (a queued run only within its workspace's cap);
   * returns whether it did.
   */
  public boolean claimRun(String workerId, UUID runId, Duration lease) throws SQLException {
    return !Jdbc.list(dataSource, ONE, this::taken, runId, workerId, lease.toMillis() / 1000.0)
        .isEmpty();
  }

  /**
   * Renews this worker's leases on {@code runs} (the ones it is working on), so a long provider
   * call or retry pause cannot let a lease lapse while the worker lives; returns the runs it still
   * owns. A run whose lease another worker took over is not renewed: its step stops at its next
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

  /**
   * Lets go of this worker's live leases on {@code runs} without changing anything else: on a clean
   * stop, so another instance can take their next steps at once instead of after the lease. A lease
   * that already expired is left alone: the run may be another worker's by now.
   */
  public int release(String workerId, List<UUID> runs) throws SQLException {
    if (runs.isEmpty()) {
      return 0;
    }
    try (Connection c = dataSource.getConnection()) {
      return Jdbc.update(
          c, RELEASE + " and id = any(?)", workerId, c.createArrayOf("uuid", runs.toArray()));
    }
  }

  /**
   * Lets go of every live lease this worker holds (also those of steps that failed because the
   * server closed the pool under them), as {@link #release} does.
   */
  public int releaseAll(String workerId) throws SQLException {
    return Jdbc.update(dataSource, RELEASE, workerId);
  }

  private static final String RELEASE =
      "update runs set lease_owner = null, lease_expires_at = null,"
          + " next_due_at = coalesce(next_due_at, now()), updated_at = now(), version = version + 1"
          + " where lease_owner = ? and lease_expires_at > now()";
}
