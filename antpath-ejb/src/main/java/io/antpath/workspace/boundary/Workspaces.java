package io.antpath.workspace.boundary;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.ConflictException;
import io.antpath.access.entity.InvalidRequestException;
import io.antpath.access.entity.NotFoundException;
import io.antpath.access.entity.Role;
import io.antpath.audit.control.AuditTrail;
import io.antpath.audit.entity.AuditEntry;
import io.antpath.audit.entity.AuditOutcome;
import io.antpath.identity.boundary.Logins;
import io.antpath.identity.entity.AppUser;
import io.antpath.platform.Timestamps;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.workspace.control.TierCaps;
import io.antpath.workspace.control.WorkspaceRuns;
import io.antpath.workspace.entity.Workspace;
import io.antpath.workspace.entity.WorkspaceMembership;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
  @Inject Logins logins;
  @Inject WorkspaceRuns runs;

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
    long live = runs.unfinished(ws.getId());
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

  /** Creates a local account and its first workspace, all or nothing. */
  public UUID signUp(
      String email,
      String displayName,
      String password,
      String workspaceSlug,
      String workspaceName,
      String clientAddress) {
    UUID user = logins.signUp(email, displayName, password, clientAddress);
    create(user, workspaceSlug, workspaceName, clientAddress);
    return user;
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

  /**
   * Starts deleting the caller's workspace (owners only; {@code confirmSlug} must repeat its slug).
   * At once: the workspace is pending deletion (submissions are refused), its tokens are revoked, a
   * queued run nobody holds is cancelled, every other live run is asked to stop, and every run is
   * marked for deletion. The worker then cleans each run up, deletes its outputs and rows, and
   * deletes the workspace when no run is left. Repeating the request changes nothing.
   */
  public void requestDeletion(Caller caller, String confirmSlug) {
    AccessPolicy.require(caller, Action.WORKSPACE_ADMIN);
    Instant now = Timestamps.now();
    Workspace ws = em.find(Workspace.class, caller.workspaceId(), LockModeType.PESSIMISTIC_WRITE);
    if (ws == null) {
      throw new NotFoundException("workspace");
    }
    if (confirmSlug == null || !confirmSlug.trim().equals(ws.getSlug())) {
      throw new InvalidRequestException(
          "confirm: type the workspace's slug '" + ws.getSlug() + "' to delete it");
    }
    if (ws.getDeleteRequestedAt().isPresent()) {
      return;
    }
    ws.requestDeletion(now);
    runs.deleteAll(ws.getId(), now);
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    em.createNativeQuery(
            "update api_tokens set revoked_at = ?2, revoked_by_user_id = ?3"
                + " where workspace_id = ?1 and revoked_at is null")
        .setParameter(1, ws.getId())
        .setParameter(2, at)
        .setParameter(3, caller.userId())
        .executeUpdate();
    audit.success(caller, "workspace.delete", "workspace", ws.getId().toString(), now);
  }

  /**
   * Starts deleting a user's account. Refused ({@code sole_owner}) while the user is the only owner
   * of a workspace that has other members: someone else must own it first. Otherwise at once: the
   * user is pending deletion (cannot sign in), leaves every workspace that has another owner, and
   * the workspaces only they belong to are deleted (see {@link #requestDeletion(Caller, String)}).
   * The user row goes when the last of those workspaces is gone.
   */
  public void deleteAccount(UUID userId, String clientAddress) {
    Instant now = Timestamps.now();
    AppUser user = em.find(AppUser.class, userId, LockModeType.PESSIMISTIC_WRITE);
    if (user == null) {
      throw new NotFoundException("user");
    }
    List<String> blocking = new java.util.ArrayList<>();
    List<Workspace> alone = new java.util.ArrayList<>();
    List<WorkspaceMembership> leave = new java.util.ArrayList<>();
    for (Membership m : mine(userId)) {
      Workspace ws = m.workspace();
      List<WorkspaceMembership> members =
          WorkspaceScope.of(em, ws.getId())
              .where(WorkspaceMembership.class, "true = true")
              .setLockMode(LockModeType.PESSIMISTIC_WRITE)
              .getResultList();
      boolean otherOwner =
          members.stream()
              .anyMatch(x -> x.getRole() == Role.OWNER && !x.getUserId().equals(userId));
      WorkspaceMembership mine =
          members.stream().filter(x -> x.getUserId().equals(userId)).findFirst().orElseThrow();
      if (members.size() == 1) {
        alone.add(ws);
      } else if (m.role() == Role.OWNER && !otherOwner) {
        blocking.add(ws.getSlug());
      } else {
        leave.add(mine);
      }
    }
    if (!blocking.isEmpty()) {
      throw new ConflictException(
          "sole_owner",
          "make someone else an owner of "
              + String.join(", ", blocking)
              + " first (or delete it): it has other members");
    }
    for (WorkspaceMembership m : leave) {
      em.remove(m);
      audit.success(
          Caller.member(m.getWorkspaceId(), userId, m.getRole(), clientAddress, null),
          "member.leave",
          "user",
          userId.toString(),
          now);
    }
    for (Workspace ws : alone) {
      if (ws.getDeleteRequestedAt().isEmpty()) {
        requestDeletion(
            Caller.member(ws.getId(), userId, Role.OWNER, clientAddress, null), ws.getSlug());
      }
    }
    user.requestDeletion(now);
    audit.record(
        null,
        new AuditEntry.Actor(userId, null, clientAddress, null),
        "user.delete",
        "user",
        userId.toString(),
        AuditOutcome.SUCCESS,
        now);
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
