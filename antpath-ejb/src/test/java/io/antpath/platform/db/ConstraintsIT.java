package io.antpath.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.antpath.testdata.SchemaFixture;
import io.antpath.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;

/**
 * Every check, unique and foreign-key constraint (and unique index) of the schema rejects a
 * violating row, and is rejected by exactly the constraint named. The list of cases must cover
 * every constraint the database has: adding one without a case fails {@link
 * #everyConstraintHasAViolationCase()}.
 */
class ConstraintsIT {
  private static TestDatabase db;

  @BeforeAll
  static void createSchemaWithBaseRows() throws SQLException {
    db = TestDatabase.migrated("constraints");
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute(SchemaFixture.expand(SchemaFixture.resource("base-rows.sql")));
    }
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  static Stream<Arguments> violations() {
    return cases().stream().map(c -> Arguments.of(c[0], c[1]));
  }

  private static List<String[]> cases() {
    List<String[]> cases = new ArrayList<>();
    for (String line : SchemaFixture.resource("violations.txt").lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int bar = line.indexOf('|');
      cases.add(new String[] {line.substring(0, bar).trim(), line.substring(bar + 1).trim()});
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void violatingRow_isRejectedByItsConstraint(String constraint, String statement)
      throws SQLException {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute(toSql(statement));
        // Deferred constraints (runs <-> vault_entries) are checked at commit; force the check now.
        st.execute("set constraints all immediate");
        fail("statement was accepted: " + statement);
      } catch (PSQLException e) {
        String violated =
            e.getServerErrorMessage() == null ? null : e.getServerErrorMessage().getConstraint();
        assertThat(violated).as("constraint named in: %s", e.getMessage()).isEqualTo(constraint);
      } finally {
        c.rollback();
      }
    }
  }

  @Test
  void baseRows_satisfyEveryConstraint() throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("select count(*) from runs where execution_secret_id is not null")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void everyConstraintHasAViolationCase() throws SQLException {
    Set<String> inSchema = new TreeSet<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                """
            select con.conname from pg_constraint con join pg_namespace n on n.oid = con.connamespace
             where n.nspname = 'public' and con.contype in ('c', 'u', 'f')
               and con.conrelid <> 'flyway_schema_history'::regclass
            union
            select i.relname from pg_index x join pg_class i on i.oid = x.indexrelid
              join pg_class t on t.oid = x.indrelid join pg_namespace n on n.oid = t.relnamespace
             where n.nspname = 'public' and x.indisunique and not x.indisprimary
               and t.relname <> 'flyway_schema_history'
               and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
            """)) {
      while (rs.next()) {
        inSchema.add(rs.getString(1));
      }
    }
    Set<String> covered = new TreeSet<>(cases().stream().map(c -> c[0]).toList());
    assertThat(covered).as("constraints with a violation case").containsExactlyElementsOf(inSchema);
  }

  /** Expands ids and the "clone TABLE" shorthand: copy the table's base row under a new id. */
  private static String toSql(String statement) {
    StringBuilder sql = new StringBuilder();
    for (String part : statement.split(";")) {
      String p = part.trim();
      if (p.startsWith("clone ")) {
        String table = p.substring("clone ".length()).trim();
        sql.append("create temp table clone_row on commit drop as select * from ")
            .append(table)
            .append(" limit 1;")
            .append("update clone_row set id = gen_random_uuid();")
            .append("insert into ")
            .append(table)
            .append(" select * from clone_row;");
      } else {
        sql.append(p).append(';');
      }
    }
    return SchemaFixture.expand(sql.toString());
  }
}
