package io.antpath.cleanup.control;

import io.antpath.audit.control.AuditRows;
import io.antpath.capture.control.OutputStorage;
import io.antpath.cleanup.entity.CleanupOutcome;
import io.antpath.cleanup.entity.CleanupStep;
import io.antpath.platform.db.Jdbc;
import io.antpath.provider.control.ResourceJournal;
import io.antpath.run.control.LeaseLost;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The last step of a run pending deletion, after its cleanup: its stored outputs go (each given
 * back to the workspace's storage), then the run itself with every row that hangs off it, under the
 * worker's lease, with an audit row naming what is still on the provider.
 */
final class RunPurge {
  private static final JsonProvider JSON = JsonProvider.provider();

  /** An output object of the run being deleted. */
  private record Stored(UUID id, String storageKey, long sizeBytes) {}

  private final DataSource ds;
  private final OutputStorage storage;
  private final ResourceJournal journal;
  private final CleanupAttempts attempts;
  private final String workerId;

  RunPurge(
      DataSource ds,
      OutputStorage storage,
      ResourceJournal journal,
      CleanupAttempts attempts,
      String workerId) {
    this.ds = ds;
    this.storage = storage;
    this.journal = journal;
    this.attempts = attempts;
    this.workerId = workerId;
  }

  /**
   * Deletes the run's stored outputs, then the run.
   *
   * @throws LeaseLost when the worker no longer holds the run (nothing of the run is deleted then
   *     but outputs already gone, which a repeat finds gone)
   */
  void purge(UUID runId, UUID workspaceId) throws SQLException, IOException {
    Instant t0 = Instant.now();
    List<Stored> stored =
        Jdbc.list(
            ds,
            "select id, storage_key, size_bytes from output_objects where run_id = ?",
            rs -> new Stored(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3)),
            runId);
    for (Stored o : stored) {
      storage.delete(o.storageKey());
      Jdbc.transaction(
          ds,
          c -> {
            if (Jdbc.update(c, "delete from output_objects where id = ?", o.id()) == 1) {
              Jdbc.update(
                  c,
                  "update workspaces set storage_used_bytes = storage_used_bytes - ? where id = ?",
                  o.sizeBytes(),
                  workspaceId);
            }
            return null;
          });
    }
    attempts.record(
        runId,
        workspaceId,
        CleanupStep.STORAGE,
        t0,
        CleanupOutcome.SUCCEEDED,
        null,
        stored.size() + " objects deleted");

    JsonArrayBuilder left = JSON.createArrayBuilder();
    journal.leftOnDeletion(runId).forEach(left::add);
    String detail =
        JSON.createObjectBuilder()
            .add("outputsDeleted", stored.size())
            .add("providerResourcesLeft", left)
            .build()
            .toString();
    Jdbc.transaction(
        ds,
        c -> {
          if (Jdbc.update(
                  c,
                  "delete from runs where id = ? and lease_owner = ? and lease_expires_at > now()",
                  runId,
                  workerId)
              == 0) {
            throw new LeaseLost();
          }
          AuditRows.success(
              c, workspaceId, AuditRows.SYSTEM, "run.purged", "run", runId.toString(), detail);
          return null;
        });
  }
}
