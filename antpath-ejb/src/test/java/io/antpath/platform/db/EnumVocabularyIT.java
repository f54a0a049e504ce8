package io.antpath.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.access.entity.Role;
import io.antpath.audit.entity.AuditOutcome;
import io.antpath.capture.entity.CaptureFailureReason;
import io.antpath.cleanup.entity.CleanupOutcome;
import io.antpath.cleanup.entity.CleanupStep;
import io.antpath.identity.entity.UserStatus;
import io.antpath.provider.entity.ResourceKind;
import io.antpath.provider.entity.ResourceState;
import io.antpath.run.entity.AttemptOutcome;
import io.antpath.run.entity.CleanupStatus;
import io.antpath.run.entity.FailureClass;
import io.antpath.run.entity.RunStatus;
import io.antpath.testkit.TestDatabase;
import io.antpath.workspace.entity.WorkspaceStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each enumerated column's CHECK constraint, as the migrations leave it in a database, allows
 * exactly the wire values of its enum: adding a constant to one without the other fails here, so
 * the worker's SQL (which binds {@code wire()} values) and the schema cannot drift apart.
 */
class EnumVocabularyIT {
  /** A string literal in {@code pg_get_constraintdef}'s rendering: {@code 'queued'::text}. */
  private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'::");

  private static TestDatabase db;

  @BeforeAll
  static void migrate() {
    db = TestDatabase.migrated("enum_vocabulary");
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  static Stream<Arguments> constraints() {
    return Stream.of(
        Arguments.of("runs", "runs_status_ck", wires(RunStatus.values(), RunStatus::wire)),
        Arguments.of(
            "runs", "runs_cleanup_status_ck", wires(CleanupStatus.values(), CleanupStatus::wire)),
        Arguments.of(
            "runs", "runs_failure_class_ck", wires(FailureClass.values(), FailureClass::wire)),
        Arguments.of(
            "run_attempts",
            "run_attempts_outcome_ck",
            wires(AttemptOutcome.values(), AttemptOutcome::wire)),
        Arguments.of(
            "run_attempts",
            "run_attempts_error_class_ck",
            wires(FailureClass.values(), FailureClass::wire)),
        Arguments.of(
            "provider_resources",
            "provider_resources_kind_ck",
            wires(ResourceKind.values(), ResourceKind::wire)),
        Arguments.of(
            "provider_resources",
            "provider_resources_state_ck",
            wires(ResourceState.values(), ResourceState::wire)),
        Arguments.of(
            "cleanup_attempts",
            "cleanup_attempts_step_ck",
            wires(CleanupStep.values(), CleanupStep::wire)),
        Arguments.of(
            "cleanup_attempts",
            "cleanup_attempts_outcome_ck",
            wires(CleanupOutcome.values(), CleanupOutcome::wire)),
        Arguments.of(
            "output_capture_failures",
            "output_capture_failures_reason_ck",
            wires(CaptureFailureReason.values(), CaptureFailureReason::wire)),
        // Enums of the request side, stored through their JPA converters.
        Arguments.of(
            "app_users",
            "app_users_status_ck",
            wires(UserStatus.values(), new UserStatus.Converter()::convertToDatabaseColumn)),
        Arguments.of(
            "workspaces",
            "workspaces_status_ck",
            wires(
                WorkspaceStatus.values(),
                new WorkspaceStatus.Converter()::convertToDatabaseColumn)),
        Arguments.of(
            "workspace_memberships",
            "workspace_memberships_role_ck",
            wires(Role.values(), new Role.Converter()::convertToDatabaseColumn)),
        Arguments.of(
            "audit_log",
            "audit_log_outcome_ck",
            wires(AuditOutcome.values(), new AuditOutcome.Converter()::convertToDatabaseColumn)));
  }

  private static <E> Set<String> wires(E[] values, Function<E, String> wire) {
    return Arrays.stream(values).map(wire).collect(Collectors.toCollection(TreeSet::new));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("constraints")
  void checkConstraintAllowsExactlyTheEnumsWireValues(
      String table, String constraint, Set<String> wireValues) throws SQLException {
    String definition = definition(table, constraint);
    List<String> allowed = new ArrayList<>();
    Matcher m = LITERAL.matcher(definition);
    while (m.find()) {
      allowed.add(m.group(1).replace("''", "'"));
    }
    assertThat(allowed).as("%s: %s", constraint, definition).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(allowed)).as("%s: %s", constraint, definition).isEqualTo(wireValues);
  }

  private static String definition(String table, String constraint) throws SQLException {
    try (Connection c = db.connect();
        var ps =
            c.prepareStatement(
                "select pg_get_constraintdef(oid) from pg_constraint"
                    + " where conrelid = ?::regclass and conname = ? and contype = 'c'")) {
      ps.setString(1, table);
      ps.setString(2, constraint);
      try (var rs = ps.executeQuery()) {
        assertThat(rs.next()).as("constraint %s on %s exists", constraint, table).isTrue();
        return rs.getString(1);
      }
    }
  }
}
