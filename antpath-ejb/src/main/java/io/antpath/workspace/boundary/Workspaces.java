package io.antpath.workspace.boundary;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.InvalidRequestException;
import io.antpath.access.entity.NotFoundException;
import io.antpath.audit.control.AuditTrail;
import io.antpath.platform.Timestamps;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunStatus;
import io.antpath.workspace.control.TierCaps;
import io.antpath.workspace.entity.ConflictException;
import io.antpath.workspace.entity.Role;
import io.antpath.workspace.entity.Workspace;
import io.antpath.workspace.entity.WorkspaceMembership;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Workspaces: the ones a user belongs to, creating and renaming one, and the caller a member acts
 * as inside one of them.
 */
@Stateless
public class Workspaces {
  @PersistenceContext EntityManager em;
  @Inject TierCaps tierCaps;
  @Inject AuditTrail audit;

  /** A workspace with its caps in force and what it uses now. */
  public record Summary(Workspace workspace, TierCaps.Caps caps, long liveRuns) {}

  /** A workspace and the user's role in it. */
  public record Membership(Workspace workspace, Role role) {}

  public Summary current(Caller caller) {
    AccessPolicy.require(caller, Action.WORKSPACE_READ);
    Workspace ws = em.find(Workspace.class, caller.workspaceId());
    if (ws == null) {
      throw new NotFoundException("workspace");
    }
    long live =
        WorkspaceScope.of(em, ws.getId())
            .count(
                Run.class,
                "e.status in :live",
                "live",
                List.of(RunStatus.QUEUED, RunStatus.STARTING, RunStatus.RUNNING));
    return new Summary(ws, tierCaps.of(ws), live);
  }

  /** The workspaces {@code userId} belongs to, by name. */
  public List<Membership> mine(UUID userId) {
    return em.createQuery(
            "select w, m.role from Workspace w, WorkspaceMembership m where m.id.workspaceId = w.id"
                + " and m.id.userId = :u order by lower(w.name), w.slug",
            Object[].class)
        .setParameter("u", userId)
        .getResultStream()
        .map(r -> new Membership((Workspace) r[0], (Role) r[1]))
        .toList();
  }

  /**
   * The caller a member acts as in the workspace with this slug.
   *
   * @throws NotFoundException when there is no such workspace or the user is not a member of it
   */
  public Caller memberCaller(UUID userId, String slug, String clientAddress, String requestId) {
    return em.createQuery(
            "select w.id, m.role from Workspace w, WorkspaceMembership m where m.id.workspaceId = w.id"
                + " and m.id.userId = :u and w.slug = :slug",
            Object[].class)
        .setParameter("u", userId)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst()
        .map(r -> Caller.member((UUID) r[0], userId, (Role) r[1], clientAddress, requestId))
        .orElseThrow(() -> new NotFoundException("workspace"));
  }

  /** A new workspace owned by its creator. */
  public Workspace create(UUID userId, String slug, String name, String clientAddress) {
    Instant now = Timestamps.now();
    Workspace ws;
    try {
      ws = new Workspace(slug == null ? "" : slug.trim(), name, userId, now);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    if (!em.createNamedQuery("Workspace.findBySlug", Workspace.class)
        .setParameter("slug", ws.getSlug())
        .getResultList()
        .isEmpty()) {
      throw new ConflictException(
          "slug_taken", "the workspace slug '" + ws.getSlug() + "' is taken");
    }
    em.persist(ws);
    em.persist(new WorkspaceMembership(ws.getId(), userId, Role.OWNER, now));
    Caller owner = Caller.member(ws.getId(), userId, Role.OWNER, clientAddress, null);
    audit.success(owner, "workspace.create", "workspace", ws.getId().toString(), now);
    return ws;
  }

  public void rename(Caller caller, String name) {
    AccessPolicy.require(caller, Action.WORKSPACE_ADMIN);
    Instant now = Timestamps.now();
    try {
      em.find(Workspace.class, caller.workspaceId()).rename(name, now);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    audit.success(caller, "workspace.rename", "workspace", caller.workspaceId().toString(), now);
  }
}
