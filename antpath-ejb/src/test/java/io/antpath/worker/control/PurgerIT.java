package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.capture.control.FilesystemStorage;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The last steps of workspace and user deletion, against PostgreSQL. */
class PurgerIT {
  private static WorkerFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new WorkerFixture("purge");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private Purger purger() {
    return new Purger(f.pooled, new FilesystemStorage(f.storage));
  }

  @Test
  void aWorkspacePendingDeletion_goesOnlyWhenItsLastRunIsGone_withItsTokensUsageAndFolder()
      throws Exception {
    UUID owner = UUID.randomUUID();
    f.sql("insert into app_users (id, email) values (?, ?)", owner, owner + "@example.com");
    UUID ws = f.workspace();
    f.sql(
        "insert into workspace_memberships (workspace_id, user_id, role) values (?, ?, 'owner')",
        ws,
        owner);
    f.sql(
        "insert into api_tokens (id, workspace_id, name, token_prefix, secret_hash, scopes, created_by_user_id)"
            + " values (?, ?, 'ci', 'ap_x', sha256(?::bytea), array['runs:read'], ?)",
        UUID.randomUUID(),
        ws,
        ws.toString(),
        owner);
    UUID run = f.run(ws, "{}");
    f.sql(
        "insert into usage_ledger (workspace_id, run_id, source_event_id, input_tokens) values (?, ?, 'e1', 5)",
        ws,
        run);
    Files.createDirectories(f.storage.resolve(ws.toString()).resolve(run.toString()));
    f.sql(
        "update workspaces set status = 'pending_delete', delete_requested_at = now() where id = ?",
        ws);

    assertThat(purger().purgeWorkspaces()).isZero();
    assertThat(f.one("select count(*) from workspaces where id = ?", ws)).isEqualTo(1L);

    f.sql("delete from runs where id = ?", run);
    assertThat(purger().purgeWorkspaces()).isEqualTo(1);
    assertThat(f.one("select count(*) from workspaces where id = ?", ws)).isEqualTo(0L);
    assertThat(f.one("select count(*) from api_tokens where workspace_id = ?", ws)).isEqualTo(0L);
    assertThat(f.one("select count(*) from usage_ledger where workspace_id = ?", ws)).isEqualTo(0L);
    assertThat(f.one("select count(*) from workspace_memberships where workspace_id = ?", ws))
        .isEqualTo(0L);
    assertThat(Files.exists(f.storage.resolve(ws.toString()))).isFalse();
    assertThat(
            f.one(
                "select count(*) from audit_log where action = 'workspace.purged' and target_id = ?",
                ws.toString()))
        .isEqualTo(1L);

    // The owner, pending deletion with no membership left, goes next; their token rows elsewhere
    // would only lose the reference.
    f.sql(
        "update app_users set status = 'pending_delete', delete_requested_at = now() where id = ?",
        owner);
    assertThat(purger().purgeUsers()).isEqualTo(1);
    assertThat(f.one("select count(*) from app_users where id = ?", owner)).isEqualTo(0L);
    assertThat(
            f.rows(
                    "select workspace_id, actor_user_id, actor_token_id, target_type, outcome,"
                        + " detail::text from audit_log where action = 'user.purged' and target_id = ?",
                    owner.toString())
                .toString())
        .isEqualTo("[[null, " + owner + ", null, user, success, {}]]");
  }

  @Test
  void aUserPendingDeletion_staysWhileAMembershipRemains_andTheirRunsAndTokensElsewhereRemain()
      throws Exception {
    UUID leaving = UUID.randomUUID();
    f.sql("insert into app_users (id, email) values (?, ?)", leaving, leaving + "@example.com");
    UUID ws = f.workspace();
    f.sql(
        "insert into workspace_memberships (workspace_id, user_id, role) values (?, ?, 'member')",
        ws,
        leaving);
    UUID token = UUID.randomUUID();
    f.sql(
        "insert into api_tokens (id, workspace_id, name, token_prefix, secret_hash, scopes, created_by_user_id, revoked_at, revoked_by_user_id)"
            + " values (?, ?, 'ci', 'ap_y', sha256(?::bytea), array['runs:read'], ?, now(), ?)",
        token,
        ws,
        token.toString(),
        leaving,
        leaving);
    UUID run = f.run(ws, "{}");
    f.sql("update runs set created_by_user_id = ? where id = ?", leaving, run);
    f.sql(
        "update app_users set status = 'pending_delete', delete_requested_at = now() where id = ?",
        leaving);

    assertThat(purger().purgeUsers()).isZero();
    f.sql("delete from workspace_memberships where user_id = ?", leaving);
    assertThat(purger().purgeUsers()).isEqualTo(1);
    assertThat(
            f.rows(
                    "select created_by_user_id, revoked_by_user_id, revoked_at is not null from api_tokens where id = ?",
                    token)
                .toString())
        .isEqualTo("[[null, null, true]]");
    assertThat(f.rows("select created_by_user_id from runs where id = ?", run).toString())
        .isEqualTo("[[null]]");
  }
}
