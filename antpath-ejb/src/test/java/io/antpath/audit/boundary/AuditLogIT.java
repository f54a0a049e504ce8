package io.antpath.audit.boundary;

import static io.antpath.testdata.Entities.NOW;
import static io.antpath.testdata.Entities.aUser;
import static io.antpath.testdata.Entities.aWorkspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.access.entity.AccessDeniedException;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.Role;
import io.antpath.audit.entity.AuditEntry;
import io.antpath.audit.entity.AuditOutcome;
import io.antpath.identity.entity.AppUser;
import io.antpath.testdata.Jpa;
import io.antpath.testkit.TestDatabase;
import io.antpath.workspace.entity.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The workspace audit log page: newest first, filtered, keyset-paged, this workspace only. */
class AuditLogIT {
  private static TestDatabase db;
  private static Jpa jpa;
  private static AppUser me;
  private static Workspace mine;

  @BeforeAll
  static void entries() {
    db = TestDatabase.migrated("audit-log");
    jpa = Jpa.over(db.url());
    me = aUser();
    AppUser them = aUser();
    mine = aWorkspace(me);
    Workspace theirs = aWorkspace(them);
    List<AuditEntry> entries = new ArrayList<>();
    String[] actions = {"token.create", "member.add", "token.revoke", "run.cancel", "token.create"};
    for (int i = 0; i < actions.length; i++) {
      entries.add(
          entry(mine, me, actions[i], i == 3 ? AuditOutcome.DENIED : AuditOutcome.SUCCESS, i));
    }
    entries.add(entry(theirs, them, "token.create", AuditOutcome.SUCCESS, 9));
    jpa.inTx(
        em -> {
          List.of(me, them, mine, theirs).forEach(em::persist);
          entries.forEach(em::persist);
        });
  }

  private static AuditEntry entry(
      Workspace ws, AppUser by, String action, AuditOutcome outcome, int secondsLater) {
    return new AuditEntry(
        ws.getId(),
        new AuditEntry.Actor(by.getId(), null, "127.0.0.1", "req-" + secondsLater),
        action,
        "thing",
        "t" + secondsLater,
        outcome,
        null,
        NOW.plusSeconds(secondsLater));
  }

  @AfterAll
  static void close() {
    jpa.close();
    db.close();
  }

  private static Caller as(Role role) {
    return Caller.member(mine.getId(), me.getId(), role, "127.0.0.1", null);
  }

  private static List<AuditLog.Line> page(
      Caller caller, AuditLog.Filter filter, AuditLog.Position after, int limit) {
    return jpa.read(
        em -> {
          AuditLog log = new AuditLog();
          log.em = em;
          return log.page(caller, filter, after, limit);
        });
  }

  private static final Function<AuditLog.Line, String> TARGET =
      l -> l.entry().getTargetId().orElseThrow();

  @Test
  void newestFirst_pagedWithoutGapsOrRepeats_namingTheActor() {
    List<AuditLog.Line> first = page(as(Role.ADMIN), AuditLog.Filter.NONE, null, 3);
    AuditEntry last = first.getLast().entry();
    List<AuditLog.Line> second =
        page(
            as(Role.ADMIN),
            AuditLog.Filter.NONE,
            new AuditLog.Position(last.getOccurredAt(), last.getId()),
            3);
    assertThat(first).extracting(TARGET).containsExactly("t4", "t3", "t2");
    assertThat(second).extracting(TARGET).containsExactly("t1", "t0");
    assertThat(first.getFirst().userEmail()).contains(me.getEmail());
  }

  @Test
  void filteredByActionPrefixAndOutcome() {
    assertThat(page(as(Role.OWNER), new AuditLog.Filter("token.", null), null, 10))
        .extracting(TARGET)
        .containsExactly("t4", "t2", "t0");
    assertThat(page(as(Role.OWNER), new AuditLog.Filter(null, AuditOutcome.DENIED), null, 10))
        .extracting(TARGET)
        .containsExactly("t3");
    assertThat(page(as(Role.OWNER), new AuditLog.Filter("%", null), null, 10))
        .as("a LIKE wildcard is text")
        .isEmpty();
  }

  @Test
  void membersAndViewers_mayNotReadIt() {
    assertThatThrownBy(() -> page(as(Role.MEMBER), AuditLog.Filter.NONE, null, 10))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> page(as(Role.VIEWER), AuditLog.Filter.NONE, null, 10))
        .isInstanceOf(AccessDeniedException.class);
  }
}
