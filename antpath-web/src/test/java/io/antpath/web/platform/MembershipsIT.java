package io.antpath.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.access.entity.AccessDeniedException;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.ConflictException;
import io.antpath.access.entity.InvalidRequestException;
import io.antpath.access.entity.Role;
import io.antpath.workspace.boundary.Memberships;
import io.antpath.workspace.boundary.Workspaces;
import io.antpath.workspace.entity.LastOwnerException;
import io.antpath.workspace.entity.Workspace;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Membership rules in the container: roles, the owner role, the last owner, audit. */
@ExtendWith(ArquillianExtension.class)
class MembershipsIT {
  @Inject Workspaces workspaces;
  @Inject Memberships memberships;
  @Inject PersistenceProbe probe;

  private UUID owner;
  private Workspace ws;
  private Caller asOwner;

  @Deployment
  static WebArchive deployment() {
    return Deployments.antpathWith(MembershipsIT.class);
  }

  private static String email() {
    return "m-" + UUID.randomUUID() + "@example.com";
  }

  @BeforeEach
  void workspaceWithOwner() {
    owner = probe.createUser(email());
    ws =
        workspaces.create(
            owner, "it-" + UUID.randomUUID().toString().substring(0, 8), "Members", "127.0.0.1");
    asOwner = Caller.member(ws.getId(), owner, Role.OWNER, "127.0.0.1", "req-it");
  }

  private UUID member(Role role) {
    String email = email();
    UUID id = probe.createUser(email);
    memberships.add(asOwner, email, role);
    return id;
  }

  @Test
  void ownerAddsMembers_andDuplicatesOrUnknownEmailsAreRefused() {
    String email = email();
    probe.createUser(email);
    memberships.add(asOwner, email, Role.MEMBER);
    assertThat(memberships.list(asOwner)).extracting(m -> m.email()).contains(email);
    assertThatThrownBy(() -> memberships.add(asOwner, email, Role.VIEWER))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> memberships.add(asOwner, "nobody-" + email, Role.VIEWER))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(probe.auditRows(ws.getId(), "member.add")).isEqualTo(1);
  }

  @Test
  void lastOwner_cannotBeDemotedOrRemoved_butOneOfTwoOwnersCan() {
    assertThatThrownBy(() -> memberships.changeRole(asOwner, owner, Role.ADMIN))
        .isInstanceOf(LastOwnerException.class);
    assertThatThrownBy(() -> memberships.remove(asOwner, owner))
        .isInstanceOf(LastOwnerException.class);
    UUID second = member(Role.OWNER);
    memberships.changeRole(asOwner, owner, Role.ADMIN);
    Caller asSecond = Caller.member(ws.getId(), second, Role.OWNER, null, null);
    assertThatThrownBy(() -> memberships.remove(asSecond, second))
        .isInstanceOf(LastOwnerException.class);
    assertThat(probe.auditRows(ws.getId(), "member.role_change")).isEqualTo(1);
  }

  @Test
  void admin_managesMembersBelowOwner_only() {
    UUID admin = member(Role.ADMIN);
    Caller asAdmin = Caller.member(ws.getId(), admin, Role.ADMIN, null, null);
    UUID viewer = member(Role.VIEWER);
    memberships.changeRole(asAdmin, viewer, Role.MEMBER);
    assertThatThrownBy(() -> memberships.changeRole(asAdmin, viewer, Role.OWNER))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> memberships.remove(asAdmin, owner))
        .isInstanceOf(AccessDeniedException.class);
    memberships.remove(asAdmin, viewer);
    assertThat(memberships.list(asOwner)).extracting(m -> m.userId()).doesNotContain(viewer);
  }

  @Test
  void viewerAndMember_cannotManageMembers() {
    UUID viewer = member(Role.VIEWER);
    Caller asViewer = Caller.member(ws.getId(), viewer, Role.VIEWER, null, null);
    assertThatThrownBy(() -> memberships.add(asViewer, email(), Role.VIEWER))
        .isInstanceOf(AccessDeniedException.class);
    UUID plain = member(Role.MEMBER);
    Caller asMember = Caller.member(ws.getId(), plain, Role.MEMBER, null, null);
    assertThatThrownBy(() -> memberships.remove(asMember, viewer))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(memberships.list(asViewer)).hasSize(3);
  }

  @Test
  void renaming_needsTheOwner() {
    UUID admin = member(Role.ADMIN);
    assertThatThrownBy(
            () ->
                workspaces.rename(Caller.member(ws.getId(), admin, Role.ADMIN, null, null), "New"))
        .isInstanceOf(AccessDeniedException.class);
    workspaces.rename(asOwner, "Renamed");
    assertThat(workspaces.mine(owner)).extracting(m -> m.workspace().getName()).contains("Renamed");
  }
}
