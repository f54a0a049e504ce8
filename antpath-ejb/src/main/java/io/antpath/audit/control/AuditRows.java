package io.antpath.audit.control;

import io.antpath.audit.entity.AuditEntry;
import io.antpath.audit.entity.AuditOutcome;
import io.antpath.platform.db.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The audit trail for code that works on a JDBC connection (the engine: capture, cleanup, purge),
 * in the connection's transaction, so the row commits or rolls back with what it records. The same
 * rule as {@link AuditTrail}: identifiers, outcomes and redacted detail, never secrets.
 */
public final class AuditRows {
  private static final String INSERT =
      "insert into audit_log (workspace_id, actor_user_id, actor_token_id, action, target_type,"
          + " target_id, outcome, detail)"
          + " values (?, ?, ?, ?, ?, ?, ?, coalesce(?::jsonb, '{}'::jsonb))";

  private AuditRows() {}

  /**
   * Records one successful action of the system (no client address or request).
   *
   * @param actor the user or token the action is done for; {@link #SYSTEM} when nobody's
   * @param detailJson a JSON object, or null for none ({@code {}})
   */
  public static void success(
      Connection c,
      UUID workspaceId,
      AuditEntry.Actor actor,
      String action,
      String targetType,
      String targetId,
      String detailJson)
      throws SQLException {
    Jdbc.update(
        c,
        INSERT,
        workspaceId,
        actor.userId(),
        actor.tokenId(),
        action,
        targetType,
        targetId,
        AuditOutcome.SUCCESS.wire(),
        detailJson);
  }

  /** The actor of what the platform does by itself. */
  public static final AuditEntry.Actor SYSTEM = new AuditEntry.Actor(null, null, null, null);
}
