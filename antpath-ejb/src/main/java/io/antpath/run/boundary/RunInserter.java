package io.antpath.run.boundary;

import io.antpath.run.entity.Run;
import io.antpath.vault.boundary.Vault;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Writes a new run, its sealed secrets and the worker wake-up in one transaction of its own, so a
 * duplicate idempotency key (two identical submissions racing) fails only this transaction and the
 * caller can still read the winner.
 */
@Stateless
public class RunInserter {
  @PersistenceContext EntityManager em;
  @Inject Vault vault;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void insert(Run run, byte[] secretsBundle) {
    try {
      em.persist(run);
      em.flush();
    } catch (jakarta.persistence.PersistenceException e) {
      if (isUniqueViolation(e)) {
        throw new io.antpath.run.entity.DuplicateSubmissionException();
      }
      throw e;
    }
    run.attachSecrets(vault.seal(run.getWorkspaceId(), run.getId(), secretsBundle));
    // Delivered at commit; the worker listens on this channel (polling still finds missed runs).
    em.createNativeQuery("select pg_notify('antpath_runs', ?1)")
        .setParameter(1, run.getId().toString())
        .getSingleResult();
  }

  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
