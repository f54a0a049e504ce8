package io.antpath.provider.control;

import io.antpath.platform.db.Columns;
import io.antpath.platform.db.Jdbc;
import io.antpath.provider.entity.ResourceKind;
import io.antpath.provider.entity.ResourceState;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The write-ahead journal of a run's provider resources ({@code provider_resources}): a row is
 * written {@code intended}, with the run's marker for that resource, before the create call, and
 * {@code created} with the provider's id after it. A create whose answer was lost (inside one call:
 * {@link io.antpath.provider.control.ClaudeApi#createOnce}; across a crash: here) is found again by
 * its marker instead of being repeated, so a run never owns two of anything and nothing it created
 * is untracked.
 *
 * <p>The cleanup reads the same journal to delete what the run created: the {@linkplain #open open}
 * resources of each kind, each then marked {@code deleted}, {@code failed} or {@code retained}.
 * This class owns every statement on the table; the driver and the cleanup own the decisions.
 */
public final class ResourceJournal {
  /** A journalled resource: its marker, and its provider id once known. */
  public record Entry(String marker, String providerId) {}

  /** The states of a resource that may still exist on the provider and is not retained. */
  private static final List<ResourceState> OPEN =
      List.of(ResourceState.INTENDED, ResourceState.CREATED, ResourceState.FAILED);

  /**
   * Appended to every write: the row's run is leased to this worker. A worker that lost the lease
   * writes nothing (and, in {@link #ensure}, creates nothing on the provider).
   */
  private static final String LEASED =
      " and exists (select 1 from runs r where r.id = provider_resources.run_id"
          + " and r.lease_owner = ? and r.lease_expires_at > now())";

  private final DataSource ds;
  private final String workerId;
  private final Supplier<? extends RuntimeException> leaseLost;

  /**
   * A journal written by {@code workerId}, for the runs it holds the lease of.
   *
   * @param leaseLost what a write that found the run no longer leased to this worker throws
   */
  public ResourceJournal(
      DataSource ds, String workerId, Supplier<? extends RuntimeException> leaseLost) {
    this.ds = ds;
    this.workerId = workerId;
    this.leaseLost = leaseLost;
  }

  /** Throws {@code leaseLost} when a write that must change a row changed none. */
  private void changed(int rows) {
    if (rows == 0) {
      throw leaseLost.get();
    }
  }

  /** Creates the resource on the provider and returns its id; looks it up when it may exist. */
  public interface Provider {
    /** The resource's id when a dead attempt may have created it (found by its marker). */
    Optional<String> find();

    /** Creates it (exactly once, see {@code ClaudeApi.createOnce}) and returns its id. */
    String create();
  }

  /**
   * The provider id of the run's resource with {@code marker}: from the journal; or, when an
   * earlier attempt journalled it as intended, found on the provider by its marker; or created now.
   */
  public String ensure(
      UUID runId, UUID workspaceId, UUID attemptId, ResourceKind kind, String marker, Provider p)
      throws SQLException {
    Optional<String[]> row =
        Jdbc.first(
            ds,
            "select state, provider_id from provider_resources where marker = ?",
            rs -> new String[] {rs.getString(1), rs.getString(2)},
            marker);
    if (row.isPresent() && row.get()[1] != null) {
      return row.get()[1];
    }
    if (row.isPresent() && ResourceState.INTENDED.wire().equals(row.get()[0])) {
      Optional<String> found = p.find();
      if (found.isPresent()) {
        created(runId, marker, found.get());
        return found.get();
      }
    }
    changed(
        Jdbc.update(
            ds,
            "insert into provider_resources (id, run_id, workspace_id, run_attempt_id, kind, marker, state)"
                + " select ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, ?, ?"
                + " where exists (select 1 from runs r where r.id = ?::uuid and r.lease_owner = ?"
                + " and r.lease_expires_at > now())"
                + " on conflict (marker) do update"
                + " set run_attempt_id = excluded.run_attempt_id, updated_at = now()"
                + " where true"
                + LEASED,
            UUID.randomUUID(),
            runId,
            workspaceId,
            attemptId,
            kind.wire(),
            marker,
            ResourceState.INTENDED.wire(),
            runId,
            workerId,
            workerId));
    String id = p.create();
    created(runId, marker, id);
    return id;
  }

  /** The resource with {@code marker} exists on the provider as {@code providerId}. */
  public void created(UUID runId, String marker, String providerId) throws SQLException {
    changed(
        Jdbc.update(
            ds,
            "update provider_resources set state = ?, provider_id = ?, updated_at = now()"
                + " where marker = ? and run_id = ?"
                + LEASED,
            ResourceState.CREATED.wire(),
            providerId,
            marker,
            runId,
            workerId));
  }

  /** The provider id of the run's created resource of {@code kind}, if any. */
  public Optional<String> providerId(UUID runId, ResourceKind kind) throws SQLException {
    return Jdbc.first(
        ds,
        "select provider_id from provider_resources where run_id = ? and kind = ? and state = ?",
        rs -> rs.getString(1),
        runId,
        kind.wire(),
        ResourceState.CREATED.wire());
  }

  /** {@link Provider} from two lambdas. */
  public static Provider of(Supplier<Optional<String>> find, Supplier<String> create) {
    return new Provider() {
      @Override
      public Optional<String> find() {
        return find.get();
      }

      @Override
      public String create() {
        return create.get();
      }
    };
  }

  // --- the cleanup's side ------------------------------------------------------------------------

  /** The run's resources of {@code kind} that may still exist on the provider, oldest first. */
  public List<Entry> open(UUID runId, ResourceKind kind) throws SQLException {
    return Jdbc.list(
        ds,
        "select marker, provider_id from provider_resources where run_id = ? and kind = ?"
            + " and state in (?, ?, ?) order by created_at",
        rs -> new Entry(rs.getString(1), rs.getString(2)),
        runId,
        kind.wire(),
        OPEN.get(0).wire(),
        OPEN.get(1).wire(),
        OPEN.get(2).wire());
  }

  /** Whether the run has a resource of {@code kind} in {@code state}. */
  public boolean exists(UUID runId, ResourceKind kind, ResourceState state) throws SQLException {
    return Jdbc.first(
            ds,
            "select 1 from provider_resources where run_id = ? and kind = ? and state = ?",
            rs -> true,
            runId,
            kind.wire(),
            state.wire())
        .isPresent();
  }

  /** The provider id of the run's resource of {@code kind} in any state, once it was known. */
  public Optional<String> knownId(UUID runId, ResourceKind kind) throws SQLException {
    return Jdbc.first(
        ds,
        "select provider_id from provider_resources where run_id = ? and kind = ?"
            + " and provider_id is not null",
        rs -> rs.getString(1),
        runId,
        kind.wire());
  }

  /** Marks the resource with {@code marker} as {@code state}, with the error that led there. */
  public void mark(String marker, ResourceState state, String error) throws SQLException {
    changed(
        Jdbc.update(
            ds,
            "update provider_resources set state = ?, last_error = ?, updated_at = now()"
                + " where marker = ?"
                + LEASED,
            state.wire(),
            Columns.truncate(error, 2000),
            marker,
            workerId));
  }

  /** The state of the resource with {@code marker} ({@code intended} when not journalled). */
  public ResourceState stateOf(String marker) throws SQLException {
    return Jdbc.first(
            ds,
            "select state from provider_resources where marker = ?",
            rs -> ResourceState.fromWire(rs.getString(1)),
            marker)
        .orElse(ResourceState.INTENDED);
  }

  /**
   * Marks the run's created resources of {@code kind} as retained on the provider (a vault with its
   * credentials). Lease-guarded like every write, but silent: none to mark is not a lost lease.
   */
  public void retainAll(UUID runId, ResourceKind kind) throws SQLException {
    Jdbc.update(
        ds,
        "update provider_resources set state = ?, updated_at = now()"
            + " where run_id = ? and kind = ? and state = ?"
            + LEASED,
        ResourceState.RETAINED.wire(),
        runId,
        kind.wire(),
        ResourceState.CREATED.wire(),
        workerId);
    if (kind == ResourceKind.VAULT) {
      retainAll(runId, ResourceKind.CREDENTIAL);
    }
  }

  /** The run's credentials went with its provider vault (lease-guarded, silent like retainAll). */
  public void credentialsDeleted(UUID runId) throws SQLException {
    Jdbc.update(
        ds,
        "update provider_resources set state = ?, updated_at = now()"
            + " where run_id = ? and kind = ? and state in (?, ?)"
            + LEASED,
        ResourceState.DELETED.wire(),
        runId,
        ResourceKind.CREDENTIAL.wire(),
        ResourceState.INTENDED.wire(),
        ResourceState.CREATED.wire(),
        workerId);
  }

  /**
   * What may still be on the provider, as {@code "kind id-or-marker"}, credentials left out (they
   * go with their vault): ids only, never secrets.
   */
  public List<String> leftovers(UUID runId) throws SQLException {
    return Jdbc.list(
        ds,
        "select kind, coalesce(provider_id, marker) from provider_resources where run_id = ?"
            + " and state in (?, ?, ?) and kind <> ? order by created_at",
        rs -> rs.getString(1) + " " + rs.getString(2),
        runId,
        OPEN.get(0).wire(),
        OPEN.get(1).wire(),
        OPEN.get(2).wire(),
        ResourceKind.CREDENTIAL.wire());
  }

  /**
   * What a deleted run leaves on the provider, as {@code "kind id"}: created, failed or retained
   * resources whose id is known.
   */
  public List<String> leftOnDeletion(UUID runId) throws SQLException {
    return Jdbc.list(
        ds,
        "select kind, provider_id from provider_resources where run_id = ?"
            + " and state in (?, ?, ?) and provider_id is not null",
        rs -> rs.getString(1) + " " + rs.getString(2),
        runId,
        ResourceState.CREATED.wire(),
        ResourceState.FAILED.wire(),
        ResourceState.RETAINED.wire());
  }
}
