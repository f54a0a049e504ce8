package io.antpath.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.access.entity.AccessDeniedException;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.ConflictException;
import io.antpath.access.entity.InvalidRequestException;
import io.antpath.access.entity.Role;
import io.antpath.run.boundary.Runs;
import io.antpath.run.entity.RunRefusedException;
import io.antpath.workspace.boundary.Memberships;
import io.antpath.workspace.boundary.Workspaces;
import io.antpath.workspace.entity.Workspace;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deleting a workspace or an account in the container: what happens at once, and what is refused.
 */
@ExtendWith(ArquillianExtension.class)
class DeletionIT {
  @Inject Workspaces workspaces;
  @Inject Memberships memberships;
  @Inject Runs runs;
  @Inject PersistenceProbe probe;

  @Deployment
  static WebArchive deployment() {
    return Deployments.antpathWith(DeletionIT.class);
  }

  private static String email() {
    return "d-" + UUID.randomUUID() + "@example.com";
  }

  private Workspace workspace(UUID owner) {
    return workspaces.create(
        owner, "del-" + UUID.randomUUID().toString().substring(0, 8), "Deleted", "127.0.0.1");
  }

  private static final JsonObject RUN =
      Json.createReader(
              new StringReader(
                  "{\"agent\":{\"model\":\"m\"},\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"sk-ant-del\"}}"))
          .readObject();

  @Test
  void deletingAWorkspace_stopsItsRunsAndTokensAtOnce_andRefusesNewRuns() {
    UUID owner = probe.createUser(email());
    Workspace ws = workspace(owner);
    Caller asOwner = Caller.member(ws.getId(), owner, Role.OWNER, "127.0.0.1", "req");
    UUID queued = runs.submit(asOwner, RUN, null).run().getId();
    UUID running = runs.submit(asOwner, RUN, null).run().getId();
    probe.update(
        "update runs set status = 'running', started_at = now(), lease_owner = 'w', lease_expires_at = now() + interval '1 minute', next_due_at = null where id = ?1",
        running);
    probe.update(
        "insert into api_tokens (id, workspace_id, name, token_prefix, secret_hash, scopes, created_by_user_id)"
            + " values (gen_random_uuid(), ?1, 'ci', 'ap_d', sha256(cast(?2 as bytea)), array['runs:read'], ?3)",
        ws.getId(),
        ws.getId().toString(),
        owner);

    assertThatThrownBy(() -> workspaces.requestDeletion(asOwner, "not-the-slug"))
        .isInstanceOf(InvalidRequestException.class);
    String memberEmail = email();
    UUID member = probe.createUser(memberEmail);
    memberships.add(asOwner, memberEmail, Role.ADMIN);
    assertThatThrownBy(
            () ->
                workspaces.requestDeletion(
                    Caller.member(ws.getId(), member, Role.ADMIN, "127.0.0.1", "req"),
                    ws.getSlug()))
        .isInstanceOf(AccessDeniedException.class);

    workspaces.requestDeletion(asOwner, ws.getSlug());
    assertThat(
            probe.row(
                "select status, delete_requested_at is not null from workspaces where id = ?1",
                ws.getId()))
        .isEqualTo("pending_delete,true");
    assertThat(
            probe.row(
                "select status, delete_requested_at is not null, next_due_at is not null from runs where id = ?1",
                queued))
        .isEqualTo("canceled,true,true");
    assertThat(
            probe.row(
                "select status, cancel_requested_at is not null, delete_requested_at is not null, lease_owner from runs where id = ?1",
                running))
        .isEqualTo("running,true,true,w");
    assertThat(
            probe.row(
                "select count(*) from api_tokens where workspace_id = ?1 and revoked_at is null",
                ws.getId()))
        .isEqualTo("0");
    assertThatThrownBy(() -> runs.submit(asOwner, RUN, null))
        .isInstanceOf(RunRefusedException.class)
        .hasMessageContaining("being deleted");
    assertThat(probe.auditRows(ws.getId(), "workspace.delete")).isEqualTo(1);
    workspaces.requestDeletion(asOwner, ws.getSlug()); // again: nothing changes
    assertThat(probe.auditRows(ws.getId(), "workspace.delete")).isEqualTo(1);
  }

  @Test
  void deletingAnAccount_leavesSharedWorkspaces_deletesItsOwn_andWaitsForASoleOwnerToHandOver() {
    String aEmail = email();
    UUID a = probe.createUser(aEmail);
    UUID b = probe.createUser(email());
    String cEmail = email();
    UUID c = probe.createUser(cEmail);
    Workspace alone = workspace(a);
    Workspace shared = workspace(b);
    memberships.add(Caller.member(shared.getId(), b, Role.OWNER, null, null), aEmail, Role.MEMBER);
    Workspace soleOwned = workspace(a);
    Caller aOwns = Caller.member(soleOwned.getId(), a, Role.OWNER, null, null);
    memberships.add(aOwns, cEmail, Role.MEMBER);

    assertThatThrownBy(() -> workspaces.deleteAccount(a, "127.0.0.1"))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(soleOwned.getSlug());
    assertThat(probe.row("select status from app_users where id = ?1", a)).isEqualTo("active");

    memberships.changeRole(aOwns, c, Role.OWNER);
    workspaces.deleteAccount(a, "127.0.0.1");
    assertThat(probe.row("select status from app_users where id = ?1", a))
        .isEqualTo("pending_delete");
    assertThat(probe.row("select status from workspaces where id = ?1", alone.getId()))
        .isEqualTo("pending_delete");
    assertThat(probe.row("select count(*) from workspace_memberships where user_id = ?1", a))
        .isEqualTo("1"); // only in the workspace being deleted, until it is purged
    assertThat(probe.row("select status from workspaces where id = ?1", shared.getId()))
        .isEqualTo("active");
    assertThat(probe.row("select status from workspaces where id = ?1", soleOwned.getId()))
        .isEqualTo("active");
  }
}
