package io.antpath.worker.control;

import io.antpath.platform.db.Jdbc;
import io.antpath.provider.entity.ResourceKind;
import io.antpath.provider.entity.ResourceState;
import java.sql.SQLException;
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
 */
final class ResourceJournal {
  private final DataSource ds;

  ResourceJournal(DataSource ds) {
    this.ds = ds;
  }

  /** Creates the resource on the provider and returns its id; looks it up when it may exist. */
  interface Provider {
    /** The resource's id when a dead attempt may have created it (found by its marker). */
    Optional<String> find();

    /** Creates it (exactly once, see {@code ClaudeApi.createOnce}) and returns its id. */
    String create();
  }

  /**
   * The provider id of the run's resource with {@code marker}: from the journal; or, when an
   * earlier attempt journalled it as intended, found on the provider by its marker; or created now.
   */
  String ensure(
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
    Jdbc.update(
        ds,
        "insert into provider_resources (id, run_id, workspace_id, run_attempt_id, kind, marker, state)"
            + " values (?, ?, ?, ?, ?, ?, ?) on conflict (marker) do update"
            + " set run_attempt_id = excluded.run_attempt_id, updated_at = now()",
        UUID.randomUUID(),
        runId,
        workspaceId,
        attemptId,
        kind.wire(),
        marker,
        ResourceState.INTENDED.wire());
    String id = p.create();
    created(runId, marker, id);
    return id;
  }

  private void created(UUID runId, String marker, String providerId) throws SQLException {
    Jdbc.update(
        ds,
        "update provider_resources set state = ?, provider_id = ?, updated_at = now()"
            + " where marker = ? and run_id = ?",
        ResourceState.CREATED.wire(),
        providerId,
        marker,
        runId);
  }

  /** The provider id of the run's created resource of {@code kind}, if any. */
  Optional<String> providerId(UUID runId, ResourceKind kind) throws SQLException {
    return Jdbc.first(
        ds,
        "select provider_id from provider_resources where run_id = ? and kind = ? and state = ?",
        rs -> rs.getString(1),
        runId,
        kind.wire(),
        ResourceState.CREATED.wire());
  }

  /** {@link Provider} from two lambdas. */
  static Provider of(Supplier<Optional<String>> find, Supplier<String> create) {
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
}
