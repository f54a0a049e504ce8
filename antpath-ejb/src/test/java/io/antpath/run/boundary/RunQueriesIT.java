package io.antpath.run.boundary;

import static io.antpath.testdata.Entities.NOW;
import static io.antpath.testdata.Entities.aRun;
import static io.antpath.testdata.Entities.aUser;
import static io.antpath.testdata.Entities.aWorkspace;
import static io.antpath.testdata.Entities.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.access.entity.Caller;
import io.antpath.access.entity.NotFoundException;
import io.antpath.access.entity.Role;
import io.antpath.access.entity.Scope;
import io.antpath.capture.boundary.RunOutputs;
import io.antpath.capture.entity.CaptureFailureReason;
import io.antpath.capture.entity.OutputCaptureFailure;
import io.antpath.capture.entity.OutputObject;
import io.antpath.console.boundary.RunQueries;
import io.antpath.identity.entity.AppUser;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunAttempt;
import io.antpath.run.entity.RunEvent;
import io.antpath.run.entity.RunStatus;
import io.antpath.testdata.Jpa;
import io.antpath.testkit.TestDatabase;
import io.antpath.usage.entity.UsageEntry;
import io.antpath.workspace.entity.Workspace;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's and the API's run reads against PostgreSQL with the real schema: {@link
 * Runs#page} (filters, keyset paging, tenant isolation, the metadata filter served by the GIN
 * index) and {@link RunQueries#detail} (events window, usage sums, outputs beside capture failures,
 * another tenant's run not found).
 */
class RunQueriesIT {
  /** The SQL Hibernate sends, so a test can ask PostgreSQL for its plan. */
  public static final class Statements implements StatementInspector {
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public String inspect(String sql) {
      SEEN.add(sql);
      return sql;
    }
  }

  private static TestDatabase db;
  private static Jpa jpa;
  private static AppUser me;
  private static Workspace mine;
  private static Workspace theirs;
  private static final List<Run> MINE = new ArrayList<>();
  private static Run theirRun;
  private static Run detailed;

  @BeforeAll
  static void twoTenants() {
    db = TestDatabase.migrated("run-queries");
    jpa =
        Jpa.over(
            db.url(),
            Map.of("hibernate.session_factory.statement_inspector", Statements.class.getName()));
    me = aUser();
    AppUser them = aUser();
    mine = aWorkspace(me);
    theirs = aWorkspace(them);
    // Six runs a second apart (newest last), two sharing one instant to exercise the id tie-break.
    String[] metadata = {
      "{\"team\":\"blue\"}",
      "{\"team\":\"red\",\"batch\":\"7\"}",
      "{\"team\":\"blue\",\"note\":\"it's \\\"quoted\\\" \\\\ here\"}",
      "{}",
      "{\"team\":\"blue\",\"batch\":\"7\"}",
      "{\"team\":\"green\"}"
    };
    for (int i = 0; i < metadata.length; i++) {
      Instant at = NOW.minus(Duration.ofMinutes(10)).plusSeconds(i == 5 ? 4 : i);
      MINE.add(aRun(mine, me, metadata[i], at));
    }
    theirRun = aRun(theirs, them, "{\"team\":\"blue\",\"batch\":\"7\"}", NOW);
    detailed = MINE.get(4);
    jpa.inTx(
        em -> {
          List.of(me, them, mine, theirs, theirRun).forEach(em::persist);
          MINE.forEach(em::persist);
        });
  }

  @AfterAll
  static void close() {
    jpa.close();
    db.close();
  }

  private static Caller owner() {
    return Caller.member(mine.getId(), me.getId(), Role.OWNER, "127.0.0.1", null);
  }

  private static <T> T withRuns(Function<Runs, T> work) {
    return jpa.read(
        em -> {
          Runs runs = new Runs();
          runs.em = em;
          return work.apply(runs);
        });
  }

  private static List<Run> page(Runs.Filter filter) {
    return withRuns(r -> r.page(owner(), filter, null, null, 10));
  }

  private static List<UUID> ids(List<Run> runs) {
    return runs.stream().map(Run::getId).toList();
  }

  private static List<UUID> expected(int... indexes) {
    List<UUID> out = new ArrayList<>();
    for (int i : indexes) {
      out.add(MINE.get(i).getId());
    }
    return out;
  }

  @Test
  void page_isNewestFirst_andKeysetPagesCoverEveryRunOnce() {
    List<UUID> seen = new ArrayList<>();
    Instant afterAt = null;
    UUID afterId = null;
    for (int page = 0; page < 4; page++) {
      Instant at = afterAt;
      UUID id = afterId;
      List<Run> runs = withRuns(r -> r.page(owner(), Runs.Filter.NONE, at, id, 2));
      if (runs.isEmpty()) {
        break;
      }
      seen.addAll(ids(runs));
      afterAt = runs.getLast().getCreatedAt();
      afterId = runs.getLast().getId();
    }
    assertThat(seen).hasSize(6).doesNotHaveDuplicates().doesNotContain(theirRun.getId());
    assertThat(seen.subList(0, 2))
        .as("one instant, ordered by id")
        .containsExactlyInAnyOrderElementsOf(expected(4, 5));
    assertThat(seen.getLast()).isEqualTo(MINE.get(0).getId());
  }

  @Test
  void page_byMetadata_matchesTheValueExactly_inThisWorkspaceOnly() {
    assertThat(ids(page(meta("team", "blue"))))
        .containsExactly(MINE.get(4).getId(), MINE.get(2).getId(), MINE.get(0).getId());
    assertThat(ids(page(meta("batch", "7"))))
        .containsExactly(MINE.get(4).getId(), MINE.get(1).getId());
    assertThat(page(meta("team", "blu"))).isEmpty();
    assertThat(page(meta("nothing", ""))).isEmpty();
  }

  @Test
  void page_byMetadata_treatsQuotesAndBackslashesAsData() {
    assertThat(ids(page(meta("note", "it's \"quoted\" \\ here"))))
        .containsExactly(MINE.get(2).getId());
    assertThat(page(meta("team", "blue\"}, \"x\": {\""))).isEmpty();
  }

  @Test
  void page_byStatusAndCreationRange() {
    Instant from = MINE.get(1).getCreatedAt();
    Instant before = MINE.get(4).getCreatedAt();
    assertThat(ids(page(new Runs.Filter(RunStatus.QUEUED, from, before, null, null))))
        .containsExactly(MINE.get(3).getId(), MINE.get(2).getId(), MINE.get(1).getId());
    assertThat(page(new Runs.Filter(RunStatus.FAILED, null, null, null, null))).isEmpty();
  }

  /**
   * The metadata predicate must be one the GIN index on runs.metadata (jsonb_path_ops) can answer:
   * with sequential scans priced out, PostgreSQL's plan for the very SQL Hibernate sends uses it.
   * (jsonb_extract_path_text(metadata, key) = value could not, and walked the whole workspace.)
   */
  @Test
  void page_byMetadata_isServedByTheGinIndex() throws Exception {
    Statements.SEEN.clear();
    page(meta("batch", "7"));
    String sql =
        Statements.SEEN.stream()
            .filter(s -> s.contains("@>"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no containment query in " + Statements.SEEN));
    String plan;
    try (Connection c = DriverManager.getConnection(db.url())) {
      c.setAutoCommit(false);
      try (PreparedStatement grow =
          c.prepareStatement(
              "insert into runs select (jsonb_populate_record(null::runs, to_jsonb(r)"
                  + " || jsonb_build_object('id', gen_random_uuid(), 'idempotency_key', null,"
                  + " 'metadata', jsonb_build_object('n', g::text)))).*"
                  + " from runs r, generate_series(1, 20000) g where r.id = ?")) {
        // A workspace of 20,000 runs (rolled back below), so the planner weighs real choices.
        grow.setObject(1, MINE.getFirst().getId());
        grow.executeUpdate();
      }
      try (var s = c.createStatement()) {
        s.execute("analyze runs");
      }
      try (PreparedStatement ps = c.prepareStatement("explain " + sql)) {
        // Bound in the order Hibernate renders them: workspace, metadata, limit.
        ps.setObject(1, mine.getId());
        ps.setString(2, "{\"batch\":\"7\"}");
        ps.setInt(3, 10);
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.append(rs.getString(1)).append('\n');
          }
        }
        plan = out.toString();
      } finally {
        c.rollback();
      }
    }
    assertThat(plan).contains("runs_metadata_idx");
  }

  private static Runs.Filter meta(String key, String value) {
    return new Runs.Filter(null, null, null, key, value);
  }

  @Test
  void detail_showsEventsUsageAndOutputsBesideFailures() {
    RunAttempt attempt = new RunAttempt(detailed, 1, "worker-a", NOW);
    List<RunEvent> events = new ArrayList<>();
    for (int i = 0; i < RunQueries.EVENT_WINDOW + 5; i++) {
      events.add(
          new RunEvent(attempt, "sevt_" + i, "agent.message", NOW, "{\"bytes\":" + i + "}", NOW));
    }
    jpa.inTx(
        em -> {
          em.persist(attempt);
          events.forEach(em::persist);
          em.persist(usage(attempt, "sevt_u1", 100, 20));
          em.persist(usage(attempt, "sevt_u2", 50, 5));
          em.persist(
              new OutputObject(
                  detailed,
                  "file_1",
                  "report.txt",
                  "ws/run/report.txt",
                  12,
                  sha256("x"),
                  "text/plain",
                  NOW));
          em.persist(
              new OutputCaptureFailure(
                  mine.getId(),
                  detailed.getId(),
                  "file_2",
                  "big.bin",
                  5_000_000_000L,
                  CaptureFailureReason.WORKSPACE_QUOTA_EXCEEDED,
                  "the workspace's storage is full",
                  NOW));
        });
    RunQueries.RunDetail d = detail(owner(), detailed.getId());
    assertThat(d.run().getId()).isEqualTo(detailed.getId());
    assertThat(d.attempts()).hasSize(1);
    assertThat(d.events()).hasSize(RunQueries.EVENT_WINDOW);
    assertThat(d.moreEvents()).isTrue();
    assertThat(d.events().getLast().getProviderEventId())
        .as("the latest events, oldest of them first")
        .isEqualTo("sevt_" + (RunQueries.EVENT_WINDOW + 4));
    assertThat(d.events().getFirst().getProviderEventId()).isEqualTo("sevt_5");
    assertThat(d.usage().inputTokens()).isEqualTo(150);
    assertThat(d.usage().outputTokens()).isEqualTo(25);
    assertThat(d.usage().reports()).isEqualTo(2);
    assertThat(d.outputs().outputs())
        .extracting(OutputObject::getFilename)
        .containsExactly("report.txt");
    assertThat(d.outputs().failures())
        .extracting(OutputCaptureFailure::getReason)
        .containsExactly(CaptureFailureReason.WORKSPACE_QUOTA_EXCEEDED);

    Caller readOnlyToken =
        Caller.token(
            mine.getId(), UUID.randomUUID(), me.getId(), Set.of(Scope.RUNS_READ), null, null);
    RunQueries.RunDetail asToken = detail(readOnlyToken, detailed.getId());
    assertThat(asToken.outputs().outputs()).as("no outputs:read scope").isEmpty();
    assertThat(asToken.outputs().failures()).isEmpty();
  }

  @Test
  void detail_ofAnotherTenantsRun_isNotFound() {
    assertThatThrownBy(() -> detail(owner(), theirRun.getId()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> detail(owner(), UUID.randomUUID()))
        .isInstanceOf(NotFoundException.class);
  }

  private static RunQueries.RunDetail detail(Caller caller, UUID runId) {
    return jpa.read(
        (EntityManager em) -> {
          return new RunQueries(em, new RunOutputs(em)).detail(caller, runId);
        });
  }

  private static UsageEntry usage(RunAttempt attempt, String eventId, long in, long out) {
    return new UsageEntry(
        mine.getId(),
        detailed.getId(),
        attempt.getId(),
        me.getId(),
        null,
        eventId,
        "claude-sonnet-4-5",
        new UsageEntry.Tokens(in, out, 0, 0),
        1000,
        NOW);
  }
}
