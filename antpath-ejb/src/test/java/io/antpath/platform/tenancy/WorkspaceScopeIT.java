package io.antpath.platform.tenancy;

import static io.antpath.testdata.Entities.aRun;
import static io.antpath.testdata.Entities.aUser;
import static io.antpath.testdata.Entities.aWorkspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.identity.entity.AppUser;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunStatus;
import io.antpath.testdata.Jpa;
import io.antpath.testkit.TestDatabase;
import io.antpath.workspace.entity.Workspace;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A workspace scope sees its own rows and nothing of another tenant's. */
class WorkspaceScopeIT {
  private static TestDatabase db;
  private static Jpa jpa;
  private static Workspace mine;
  private static Workspace theirs;
  private static Run myRun;
  private static Run theirRun;

  @BeforeAll
  static void twoTenants() {
    db = TestDatabase.migrated("workspace-scope");
    jpa = Jpa.over(db.url());
    AppUser me = aUser();
    AppUser them = aUser();
    mine = aWorkspace(me);
    theirs = aWorkspace(them);
    myRun = aRun(mine, me);
    theirRun = aRun(theirs, them);
    jpa.inTx(
        em ->
            List.of(me, them, mine, theirs, myRun, theirRun, aRun(mine, me)).forEach(em::persist));
  }

  @AfterAll
  static void close() {
    jpa.close();
    db.close();
  }

  @Test
  void find_returnsOwnRow() {
    Optional<Run> found =
        jpa.read(em -> WorkspaceScope.of(em, mine.getId()).find(Run.class, myRun.getId()));
    assertThat(found.map(Run::getId)).contains(myRun.getId());
  }

  @Test
  void find_ofAnotherTenantsRow_isEmptyLikeAMissingRow() {
    Optional<Run> theirsFromMine =
        jpa.read(em -> WorkspaceScope.of(em, mine.getId()).find(Run.class, theirRun.getId()));
    Optional<Run> mineFromTheirs =
        jpa.read(em -> WorkspaceScope.of(em, theirs.getId()).find(Run.class, myRun.getId()));
    assertThat(theirsFromMine).isEmpty();
    assertThat(mineFromTheirs).isEmpty();
  }

  @Test
  void where_restrictsEveryQueryToTheWorkspace() {
    List<Run> runs =
        jpa.read(
            em ->
                WorkspaceScope.of(em, mine.getId())
                    .where(Run.class, "e.status = :s", "createdAt desc, id desc")
                    .setParameter("s", RunStatus.QUEUED)
                    .getResultList());
    assertThat(runs).hasSize(2).allMatch(r -> r.getWorkspaceId().equals(mine.getId()));
  }

  @Test
  void where_cannotBeWidenedByAnOrCondition() {
    List<Run> runs =
        jpa.read(
            em ->
                WorkspaceScope.of(em, mine.getId())
                    .where(Run.class, "1 = 1 or e.workspaceId = :other")
                    .setParameter("other", theirs.getId())
                    .getResultList());
    assertThat(runs).noneMatch(r -> r.getWorkspaceId().equals(theirs.getId()));
  }

  @Test
  void count_isPerWorkspace() {
    long mineQueued =
        jpa.read(
            em ->
                WorkspaceScope.of(em, mine.getId())
                    .count(Run.class, "e.status = :s", "s", RunStatus.QUEUED));
    long theirsAll = jpa.read(em -> WorkspaceScope.of(em, theirs.getId()).count(Run.class, null));
    assertThat(mineQueued).isEqualTo(2);
    assertThat(theirsAll).isEqualTo(1);
  }

  @Test
  void scope_requiresAWorkspace_andOrderByCannotInjectJpql() {
    assertThatThrownBy(() -> jpa.read(em -> WorkspaceScope.of(em, null)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () ->
                jpa.read(
                    em ->
                        WorkspaceScope.of(em, mine.getId())
                            .where(Run.class, "", "id; delete from Run")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
