package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.testkit.AntpathServer;
import io.antpath.testkit.TestDatabase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Start-up fails fast: the process exits (status 3) with one clear line naming what is wrong,
 * instead of a server that stays up and answers 404.
 */
class StartupFailureST {
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(120);
  private static TestDatabase db;

  @BeforeAll
  static void database() {
    db = TestDatabase.create("st-startup");
  }

  @AfterAll
  static void drop() {
    db.close();
  }

  private static String failedStartLog(Map<String, String> env) throws Exception {
    try (AntpathServer server = AntpathServer.start(env)) {
      int exit = server.awaitExit(EXIT_WITHIN);
      assertThat(exit).as("exit status; log:%n%s", server.logTail()).isEqualTo(3);
      return server.log();
    }
  }

  @Test
  void missingDatabaseUrl_exitsNamingTheVariable() throws Exception {
    Map<String, String> env = new LinkedHashMap<>(AntpathServer.devSettings(db));
    env.remove("ANTPATH_DB_URL");
    assertThat(failedStartLog(env))
        .contains(
            "antpath configuration error: ANTPATH_DB_URL (antpath.db.url) is required but not set");
  }

  @Test
  void productionModeWithDevVaultKey_exitsRefusingTheKey() throws Exception {
    Map<String, String> env = new LinkedHashMap<>(AntpathServer.devSettings(db));
    env.put("ANTPATH_MODE", "production");
    String log = failedStartLog(env);
    assertThat(log)
        .contains(
            "antpath configuration error: ANTPATH_VAULT_KEYS (antpath.vault.keys) contains a development key");
    assertThat(log).doesNotContain(env.get("ANTPATH_VAULT_KEYS").substring("dev-test:".length()));
  }

  @Test
  void malformedCap_exitsNamingTheVariable() throws Exception {
    Map<String, String> env = new LinkedHashMap<>(AntpathServer.devSettings(db));
    env.put("ANTPATH_TIER_MAX_CONCURRENT_RUNS", "lots");
    assertThat(failedStartLog(env))
        .contains(
            "antpath configuration error: ANTPATH_TIER_MAX_CONCURRENT_RUNS (antpath.tier.max-concurrent-runs) must be a whole number");
  }

  @Test
  void unreachableDatabase_exitsSayingSo() throws Exception {
    String nowhere = "jdbc:postgresql://127.0.0.1:" + AntpathServer.freePort() + "/antpath";
    assertThat(failedStartLog(AntpathServer.devSettings(nowhere)))
        .contains("antpath start-up failed: database unreachable:");
  }
}
