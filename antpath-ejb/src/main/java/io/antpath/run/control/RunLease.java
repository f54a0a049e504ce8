package io.antpath.run.control;

import io.antpath.platform.db.Jdbc;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes to a run that only the lease holder may make ({@code where lease_owner = me and
 * lease_expires_at > now()}): shared by the driver and the cleanup, so neither can write once
 * another worker owns the run.
 */
public final class RunLease {
  private final DataSource ds;
  private final String workerId;

  public RunLease(DataSource ds, String workerId) {
    this.ds = ds;
    this.workerId = workerId;
  }

  /**
   * Updates the run with {@code set} (its {@code ?} bound to {@code args}), bumping its version.
   *
   * @throws LeaseLost when this worker no longer owns the run
   */
  public void update(UUID runId, String set, Object... args) throws SQLException {
    Object[] all = new Object[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = runId;
    all[args.length + 1] = workerId;
    int n =
        Jdbc.update(
            ds,
            "update runs set "
                + set
                + ", updated_at = now(), version = version + 1"
                + " where id = ? and lease_owner = ? and lease_expires_at > now()",
            all);
    if (n == 0) {
      throw new LeaseLost();
    }
  }
}
