package io.antpath.audit.control;

import io.antpath.access.entity.Caller;
import io.antpath.audit.entity.AuditEntry;
import io.antpath.audit.entity.AuditOutcome;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.UUID;

/**
 * Records security-relevant actions. Successes are written in the caller's transaction (no audit
 * row for something that rolled back); failures and denials in a transaction of their own, because
 * the request's transaction is about to roll back. Callers pass identifiers and outcomes, never
 * secrets.
 */
@Stateless
public class AuditTrail {
  @PersistenceContext EntityManager em;

  /** An action of a workspace-bound caller that succeeded, in the current transaction. */
  public void success(
      Caller caller, String action, String targetType, String targetId, Instant now) {
    record(
        caller.workspaceId(),
        actor(caller),
        action,
        targetType,
        targetId,
        AuditOutcome.SUCCESS,
        now);
  }

  /** Any audited action, in the current transaction (it rolls back with the action). */
  public void record(
      UUID workspaceId,
      AuditEntry.Actor actor,
      String action,
      String targetType,
      String targetId,
      AuditOutcome outcome,
      Instant now) {
    em.persist(entry(workspaceId, actor, action, targetType, targetId, outcome, now));
  }

  /**
   * An action recorded on its own, committed whatever happens to the request: failures and denials
   * (the request's transaction is about to roll back) and sign-ins (no transaction of their own).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordSeparately(
      UUID workspaceId,
      AuditEntry.Actor actor,
      String action,
      String targetType,
      String targetId,
      AuditOutcome outcome,
      Instant now) {
    record(workspaceId, actor, action, targetType, targetId, outcome, now);
  }

  public static AuditEntry.Actor actor(Caller caller) {
    return new AuditEntry.Actor(
        caller.userId(), caller.tokenId(), caller.clientAddress(), caller.requestId());
  }

  private static AuditEntry entry(
      UUID workspaceId,
      AuditEntry.Actor actor,
      String action,
      String targetType,
      String targetId,
      AuditOutcome outcome,
      Instant now) {
    return new AuditEntry(workspaceId, actor, action, targetType, targetId, outcome, null, now);
  }
}
