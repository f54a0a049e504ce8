package io.antpath.worker.control;

import io.antpath.audit.control.AuditRows;
import io.antpath.audit.entity.AuditEntry;
import io.antpath.capture.control.OutputStorage;
import io.antpath.cleanup.control.RunCleaner;
import io.antpath.identity.entity.UserStatus;
import io.antpath.platform.db.Jdbc;
import io.antpath.workspace.entity.WorkspaceStatus;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The last steps of deleting workspaces and users, run periodically by every worker instance
 * ({@code SKIP LOCKED}, so they never collide). A workspace pending deletion goes once its last run
 * is gone (the cleanup deletes each run after its own cleanup, see {@link RunCleaner}); with it go
 * its memberships, tokens and usage, and its storage folder. A user pending deletion goes once no
 * membership is left. Each deletion leaves an audit row.
 */
public final class Purger {
  private static final Logger LOG = Logger.getLogger(Purger.class.getName());

  private final DataSource ds;
  private final OutputStorage storage;

  public Purger(DataSource ds, OutputStorage storage) {
    this.ds = ds;
    this.storage = storage;
  }

  /** Deletes the workspaces whose deletion is complete; returns how many. */
  public int purgeWorkspaces() throws SQLException {
    List<UUID> purged =
        Jdbc.transaction(
            ds,
            c -> {
              List<UUID> gone = new ArrayList<>();
              for (UUID ws :
                  Jdbc.list(
                      c,
                      "select id from workspaces w where status = ?"
                          + " and not exists (select 1 from runs r where r.workspace_id = w.id)"
                          + " order by delete_requested_at limit 20 for update skip locked",
                      rs -> rs.getObject(1, UUID.class),
                      WorkspaceStatus.PENDING_DELETE.wire())) {
                Jdbc.update(c, "delete from usage_ledger where workspace_id = ?", ws);
                if (Jdbc.update(
                        c,
                        "delete from workspaces w where id = ?"
                            + " and not exists (select 1 from runs r where r.workspace_id = w.id)",
                        ws)
                    == 1) {
                  AuditRows.success(
                      c,
                      ws,
                      AuditRows.SYSTEM,
                      "workspace.purged",
                      "workspace",
                      ws.toString(),
                      null);
                  gone.add(ws);
                }
              }
              return gone;
            });
    for (UUID ws : purged) {
      try {
        storage.deleteWorkspace(ws);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not remove the storage folder of workspace " + ws, e);
      }
    }
    return purged.size();
  }

  /** Deletes the users whose deletion is complete (no membership left); returns how many. */
  public int purgeUsers() throws SQLException {
    return Jdbc.transaction(
        ds,
        c -> {
          int gone = 0;
          for (UUID user :
              Jdbc.list(
                  c,
                  "select id from app_users x where x.status = ?"
                      + " and not exists (select 1 from workspace_memberships m where m.user_id = x.id)"
                      + " limit 50 for update skip locked",
                  rs -> rs.getObject(1, UUID.class),
                  UserStatus.PENDING_DELETE.wire())) {
            if (Jdbc.update(
                    c,
                    "delete from app_users u where id = ?"
                        + " and not exists (select 1 from workspace_memberships m where m.user_id = u.id)",
                    user)
                == 1) {
              // The user is their own deletion's actor (audit rows have no foreign keys).
              AuditRows.success(
                  c,
                  null,
                  new AuditEntry.Actor(user, null, null, null),
                  "user.purged",
                  "user",
                  user.toString(),
                  null);
              gone++;
            }
          }
          return gone;
        });
  }
}
