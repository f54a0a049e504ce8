package io.antpath.workspace.boundary;

import static io.antpath.testdata.Entities.NOW;
import static io.antpath.testdata.Entities.aRun;
import static io.antpath.testdata.Entities.aUser;
import static io.antpath.testdata.Entities.aWorkspace;
import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.access.entity.Caller;
import io.antpath.access.entity.Role;
import io.antpath.identity.entity.AppUser;
import io.antpath.run.entity.Run;
import io.antpath.testdata.Jpa;
import io.antpath.testkit.TestDatabase;
import io.antpath.usage.entity.UsageEntry;
import io.antpath.workspace.entity.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Token usage per UTC day: summed from the ledger, empty days as zero, this workspace only. */
class WorkspaceUsageIT {
  private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
  private static TestDatabase db;
  private static Jpa jpa;
  private static AppUser me;
  private static Workspace mine;

  @BeforeAll
  static void ledger() {
    db = TestDatabase.migrated("workspace-usage");
    jpa = Jpa.over(db.url());
    me = aUser();
    AppUser them = aUser();
    mine = aWorkspace(me);
    Workspace theirs = aWorkspace(them);
    Run a = aRun(mine, me);
    Run b = aRun(mine, me);
    Run c = aRun(theirs, them);
    Instant todayNoon = TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
    jpa.inTx(
        em -> {
          List.of(me, them, mine, theirs, a, b, c).forEach(em::persist);
          em.persist(usage(mine, a, me, "e1", 100, 10, todayNoon));
          em.persist(usage(mine, b, me, "e2", 50, 5, todayNoon.minusSeconds(60)));
          em.persist(usage(mine, a, me, "e3", 7, 3, todayNoon.minus(Duration.ofDays(2))));
          em.persist(usage(mine, a, me, "e4", 1000, 0, todayNoon.minus(Duration.ofDays(40))));
          em.persist(usage(theirs, c, them, "e5", 999, 999, todayNoon));
        });
  }

  private static UsageEntry usage(
      Workspace ws, Run run, AppUser by, String event, long in, long out, Instant at) {
    return new UsageEntry(
        ws.getId(),
        run.getId(),
        null,
        by.getId(),
        null,
        event,
        "claude-sonnet-4-5",
        new UsageEntry.Tokens(in, out, 0, 0),
        100,
        at);
  }

  @AfterAll
  static void close() {
    jpa.close();
    db.close();
  }

  @Test
  void perDay_sumsEachUtcDay_andFillsEmptyDays() {
    Caller viewer = Caller.member(mine.getId(), me.getId(), Role.VIEWER, null, null);
    List<WorkspaceUsage.Day> days =
        jpa.read(
            em -> {
              WorkspaceUsage usage = new WorkspaceUsage();
              usage.em = em;
              return usage.perDay(viewer, TODAY, 30);
            });
    assertThat(days).hasSize(30);
    assertThat(days.getFirst().day()).isEqualTo(TODAY.minusDays(29));
    assertThat(days.getLast()).isEqualTo(new WorkspaceUsage.Day(TODAY, 150, 15, 2));
    assertThat(days.get(27)).isEqualTo(new WorkspaceUsage.Day(TODAY.minusDays(2), 7, 3, 1));
    assertThat(days.stream().mapToLong(WorkspaceUsage.Day::tokens).sum())
        .as("nothing older than the window, nothing of another workspace")
        .isEqualTo(175);
  }
}
