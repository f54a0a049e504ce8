package io.antpath.cleanup.control;

import io.antpath.cleanup.entity.CleanupOutcome;
import io.antpath.cleanup.entity.CleanupStep;
import io.antpath.platform.db.Columns;
import io.antpath.platform.db.Jdbc;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** The record of each cleanup step a worker took on a run ({@code cleanup_attempts}). */
final class CleanupAttempts {
  private final DataSource ds;
  private final String workerId;

  CleanupAttempts(DataSource ds, String workerId) {
    this.ds = ds;
    this.workerId = workerId;
  }

  /** One step, started at {@code started} and finished now; the message is cut to its column. */
  void record(
      UUID runId,
      UUID workspaceId,
      CleanupStep step,
      Instant started,
      CleanupOutcome outcome,
      String code,
      String message)
      throws SQLException {
    Jdbc.update(
        ds,
        "insert into cleanup_attempts (id, run_id, workspace_id, step, outcome, worker_id,"
            + " error_code, error_message, started_at, finished_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
        UUID.randomUUID(),
        runId,
        workspaceId,
        step.wire(),
        outcome.wire(),
        workerId,
        code,
        Columns.truncate(message, 2000),
        Timestamp.from(started));
  }
}
