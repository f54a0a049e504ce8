package io.antpath.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.testkit.Schema;
import io.antpath.testkit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrateCommandIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return MigrateCommand.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void migrateThenValidate_succeed() {
    try (TestDatabase db = TestDatabase.create("migrate-command")) {
      Map<String, String> env = Map.of("ANTPATH_DB_URL", db.url());
      assertThat(run(env, "validate")).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("antpath schema validate failed");
      assertThat(run(env)).isZero();
      assertThat(run(env, "validate")).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("antpath schema migrate: version " + Schema.latestVersion() + " (")
          .contains("antpath schema validate: version " + Schema.latestVersion());
    }
  }

  @Test
  void missingUrl_orUnknownAction_isAUsageError() {
    assertThat(run(Map.of())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("ANTPATH_DB_URL (antpath.db.url)");
    assertThat(run(Map.of("ANTPATH_DB_URL", "jdbc:postgresql://x/y"), "clean")).isEqualTo(2);
  }
}
