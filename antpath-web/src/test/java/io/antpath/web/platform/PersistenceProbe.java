package io.antpath.web.platform;

import io.antpath.access.entity.Role;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.workspace.entity.Workspace;
import io.antpath.workspace.entity.WorkspaceMembership;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

/**
 * Test-only boundary deployed with PlatformIT: JTA transactions through the container's data
 * source.
 */
@Stateless
public class PersistenceProbe {
  @PersistenceContext EntityManager em;

  public UUID createWorkspace(String slug, UUID ownerId, java.time.Instant now) {
    Workspace ws = new Workspace(slug, "Probe " + slug, ownerId, now);
    em.persist(ws);
    return ws.getId();
  }

  public UUID createUserOwning(UUID workspaceId, java.time.Instant now) {
    io.antpath.identity.entity.AppUser user =
        new io.antpath.identity.entity.AppUser(
            "probe-" + UUID.randomUUID() + "@example.com", null, now);
    em.persist(user);
    em.persist(new WorkspaceMembership(workspaceId, user.getId(), Role.OWNER, now));
    return user.getId();
  }

  public UUID createUser(String email) {
    io.antpath.identity.entity.AppUser user =
        new io.antpath.identity.entity.AppUser(email, null, java.time.Instant.now());
    em.persist(user);
    return user.getId();
  }

  public long auditRows(UUID workspaceId, String action) {
    return em.createQuery(
            "select count(a) from AuditEntry a where a.workspaceId = :ws and a.action = :a",
            Long.class)
        .setParameter("ws", workspaceId)
        .setParameter("a", action)
        .getSingleResult();
  }

  public Optional<Workspace> findWorkspace(UUID id) {
    return Optional.ofNullable(em.find(Workspace.class, id));
  }

  public Optional<Workspace> findWorkspaceBySlug(String slug) {
    return em.createNamedQuery("Workspace.findBySlug", Workspace.class)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst();
  }

  /** The first row of a native query, its columns joined by commas (nulls as "null"). */
  public String row(String sql, Object... params) {
    jakarta.persistence.Query q = em.createNativeQuery(sql);
    for (int i = 0; i < params.length; i++) {
      q.setParameter(i + 1, params[i]);
    }
    Object r = q.getResultList().stream().findFirst().orElse(null);
    if (r instanceof Object[] cols) {
      return java.util.Arrays.stream(cols)
          .map(String::valueOf)
          .collect(java.util.stream.Collectors.joining(","));
    }
    return String.valueOf(r);
  }

  /** Runs a native update. */
  public int update(String sql, Object... params) {
    jakarta.persistence.Query q = em.createNativeQuery(sql);
    for (int i = 0; i < params.length; i++) {
      q.setParameter(i + 1, params[i]);
    }
    return q.executeUpdate();
  }

  public long memberships(UUID workspaceId) {
    return WorkspaceScope.of(em, workspaceId).count(WorkspaceMembership.class, null);
  }

  /** Persists a workspace and then fails, to prove the container rolls the transaction back. */
  public void createWorkspaceThenFail(String slug, java.time.Instant now) {
    em.persist(new Workspace(slug, "Doomed", null, now));
    em.flush();
    throw new IllegalStateException("rolled back on purpose");
  }
}
