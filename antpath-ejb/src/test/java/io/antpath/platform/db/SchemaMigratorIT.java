package io.antpath.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.platform.db.SchemaMigrator.SchemaException;
import io.antpath.platform.db.SchemaMigrator.SchemaState;
import io.antpath.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class SchemaMigratorIT {
  private static final List<String> TABLES =
      List.of(
          "api_tokens",
          "app_users",
          "audit_log",
          "cleanup_attempts",
          "output_capture_failures",
          "output_objects",
          "provider_resources",
          "run_attempts",
          "run_events",
          "runs",
          "usage_ledger",
          "user_credentials",
          "vault_entries",
          "workspace_memberships",
          "workspaces");

  private static PGSimpleDataSource dataSource(String url) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    return ds;
  }

  @Test
  void migrate_onEmptyDatabase_createsTheWholeDataModel() throws SQLException {
    try (TestDatabase db = TestDatabase.create("migrate-empty")) {
      SchemaState state = new SchemaMigrator(dataSource(db.url())).migrate();
      assertThat(state.migrationsApplied()).isPositive();
      assertThat(state.version())
          .isEqualTo(new SchemaMigrator(dataSource(db.url())).latestKnownVersion());
      assertThat(tables(db)).containsAll(TABLES);
    }
  }

  @Test
  void migrate_isRepeatable_andValidateAcceptsTheResult() {
    try (TestDatabase db = TestDatabase.create("migrate-twice")) {
      SchemaMigrator migrator = new SchemaMigrator(dataSource(db.url()));
      SchemaState first = migrator.migrate();
      SchemaState second = migrator.migrate();
      assertThat(second.migrationsApplied()).isZero();
      assertThat(second.version()).isEqualTo(first.version());
      assertThat(migrator.validate().version()).isEqualTo(first.version());
    }
  }

  @Test
  void validate_onEmptyDatabase_refusesWithPendingMigrations() {
    try (TestDatabase db = TestDatabase.create("validate-empty")) {
      assertThatThrownBy(() -> new SchemaMigrator(dataSource(db.url())).validate())
          .isInstanceOf(SchemaException.class)
          .hasMessageStartingWith("schema validate failed");
    }
  }

  @Test
  void migrate_onSchemaNewerThanTheBuild_refuses() throws SQLException {
    try (TestDatabase db = TestDatabase.create("newer-schema")) {
      new SchemaMigrator(dataSource(db.url())).migrate();
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute(
            "insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) values (999, '999', 'from the future', 'SQL',"
                + " 'V999__from_the_future.sql', 1, 'test', 1, true)");
      }
      assertThatThrownBy(() -> new SchemaMigrator(dataSource(db.url())).migrate())
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("schema migrate failed")
          .hasMessageContaining("999");
    }
  }

  @Test
  void migrate_afterAnAppliedMigrationWasEdited_refuses() throws SQLException {
    try (TestDatabase db = TestDatabase.create("edited-migration")) {
      new SchemaMigrator(dataSource(db.url())).migrate();
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute(
            "update flyway_schema_history set checksum = checksum + 1 where version = '001'");
      }
      assertThatThrownBy(() -> new SchemaMigrator(dataSource(db.url())).migrate())
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("checksum");
    }
  }

  @Test
  void migrate_withUnreachableDatabase_failsFastWithAClearMessage() {
    PGSimpleDataSource ds = dataSource("jdbc:postgresql://127.0.0.1:1/antpath?connectTimeout=2");
    assertThatThrownBy(() -> new SchemaMigrator(ds).migrate())
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("database unreachable:")
        .hasMessageContaining("08001");
  }

  @Test
  void appliedVersion_isEmptyBeforeAndCurrentAfterMigration() throws SQLException {
    try (TestDatabase db = TestDatabase.create("applied-version")) {
      SchemaMigrator migrator = new SchemaMigrator(dataSource(db.url()));
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute(
            "create table flyway_schema_history (installed_rank int, version text, success boolean)");
        assertThat(SchemaMigrator.appliedVersion(c)).isEmpty();
        st.execute("drop table flyway_schema_history");
      }
      migrator.migrate();
      try (Connection c = db.connect()) {
        assertThat(SchemaMigrator.appliedVersion(c)).contains(migrator.latestKnownVersion());
      }
    }
  }

  private static List<String> tables(TestDatabase db) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
