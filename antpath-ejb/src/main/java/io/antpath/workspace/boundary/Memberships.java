package io.antpath.workspace.boundary;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.AccessDeniedException;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.ConflictException;
import io.antpath.access.entity.InvalidRequestException;
import io.antpath.access.entity.NotFoundException;
import io.antpath.access.entity.Role;
import io.antpath.audit.control.AuditTrail;
import io.antpath.identity.control.Users;
import io.antpath.identity.entity.AppUser;
import io.antpath.platform.Timestamps;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.workspace.entity.LastOwnerException;
import io.antpath.workspace.entity.MembershipId;
import io.antpath.workspace.entity.WorkspaceMembership;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who belongs to a workspace. Owners and admins manage members; only owners hand out or take away
 * the owner role; the last owner can be neither removed nor demoted. Every change is audited.
 */
@Stateless
public class Memberships {
  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;

  /** A member as listed. */
  public record Member(UUID userId, String email, String displayName, Role role, Instant since) {}

  public List<Member> list(Caller caller) {
    AccessPolicy.require(caller, Action.WORKSPACE_READ);
    return WorkspaceScope.of(em, caller.workspaceId())
        .where(WorkspaceMembership.class, "", "createdAt")
        .getResultStream()
        .map(
            m -> {
              AppUser u = em.find(AppUser.class, m.getUserId());
              return new Member(
                  u.getId(),
                  u.getEmail(),
                  u.getDisplayName().orElse(null),
                  m.getRole(),
                  m.getCreatedAt());
            })
        .toList();
  }

  /** Adds an existing user, found by e-mail, with a role. */
  public void add(Caller caller, String email, Role role) {
    requireManage(caller, role);
    Instant now = Timestamps.now();
    AppUser user =
        Users.byEmail(em, email)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "email: no antpath account uses this address; ask them to sign up first"));
    if (em.find(WorkspaceMembership.class, new MembershipId(caller.workspaceId(), user.getId()))
        != null) {
      throw new ConflictException("already_member", "this user is already a member");
    }
    em.persist(new WorkspaceMembership(caller.workspaceId(), user.getId(), role, now));
    audit.success(caller, "member.add", "user", user.getId().toString(), now);
  }

  public void changeRole(Caller caller, UUID userId, Role role) {
    WorkspaceMembership m = lockedMembership(caller, userId);
    requireManage(caller, m.getRole());
    requireManage(caller, role);
    if (m.getRole() == Role.OWNER && role != Role.OWNER) {
      requireAnotherOwner(caller);
    }
    Instant now = Timestamps.now();
    m.changeRole(role, now);
    audit.success(caller, "member.role_change", "user", userId.toString(), now);
  }

  public void remove(Caller caller, UUID userId) {
    WorkspaceMembership m = lockedMembership(caller, userId);
    requireManage(caller, m.getRole());
    if (m.getRole() == Role.OWNER) {
      requireAnotherOwner(caller);
    }
    em.remove(m);
    audit.success(caller, "member.remove", "user", userId.toString(), Timestamps.now());
  }

  private WorkspaceMembership lockedMembership(Caller caller, UUID userId) {
    AccessPolicy.require(caller, Action.MEMBERS_ADMIN);
    // Lock every owner row of the workspace first: two concurrent demotions of the last two owners
    // must
    // not both see "another owner exists".
    WorkspaceScope.of(em, caller.workspaceId())
        .where(WorkspaceMembership.class, "e.role = :r")
        .setParameter("r", Role.OWNER)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
    WorkspaceMembership m =
        em.find(
            WorkspaceMembership.class,
            new MembershipId(caller.workspaceId(), userId),
            LockModeType.PESSIMISTIC_WRITE);
    if (m == null) {
      throw new NotFoundException("member");
    }
    return m;
  }

  private void requireAnotherOwner(Caller caller) {
    long owners =
        WorkspaceScope.of(em, caller.workspaceId())
            .count(WorkspaceMembership.class, "e.role = :r", "r", Role.OWNER);
    if (owners <= 1) {
      throw new LastOwnerException();
    }
  }

  /** Admins manage members below owner; only owners touch the owner role. */
  private static void requireManage(Caller caller, Role role) {
    AccessPolicy.require(caller, Action.MEMBERS_ADMIN);
    if (role == null) {
      throw new InvalidRequestException("role: one of owner, admin, member, viewer");
    }
    if (role == Role.OWNER && !AccessPolicy.permits(caller, Action.WORKSPACE_ADMIN)) {
      throw new AccessDeniedException(Action.WORKSPACE_ADMIN);
    }
  }
}
