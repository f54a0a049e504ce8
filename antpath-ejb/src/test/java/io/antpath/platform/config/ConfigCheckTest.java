package io.antpath.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigCheckTest {
  private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
  private final Map<String, String> values = new HashMap<>();

  private List<ConfigProblem> problemsWith(Map<String, String> overrides) {
    values.put("antpath.db.url", "jdbc:postgresql://127.0.0.1:5432/antpath");
    values.put("antpath.vault.keys", "prod-2026:" + KEY_A);
    values.putAll(overrides);
    return new ConfigCheck(key -> Optional.ofNullable(values.get(key))).problems();
  }

  private static String only(List<ConfigProblem> problems) {
    assertThat(problems).hasSize(1);
    return problems.get(0).toString();
  }

  @Test
  void validProductionConfiguration_hasNoProblems() {
    assertThat(problemsWith(Map.of())).isEmpty();
  }

  @Test
  void missingDatabaseUrl_isNamedInOneLine() {
    values.put("antpath.vault.keys", "prod:" + KEY_A);
    List<ConfigProblem> problems =
        new ConfigCheck(key -> Optional.ofNullable(values.get(key))).problems();
    assertThat(only(problems))
        .isEqualTo(
            "antpath configuration error: ANTPATH_DB_URL (antpath.db.url) is required but not set")
        .doesNotContain("\n");
  }

  @Test
  void blankValue_countsAsMissing() {
    assertThat(only(problemsWith(Map.of("antpath.db.url", "  "))))
        .contains("ANTPATH_DB_URL")
        .contains("required");
  }

  @Test
  void missingVaultKeys_areRequired() {
    values.put("antpath.db.url", "jdbc:postgresql://db/antpath");
    List<ConfigProblem> problems =
        new ConfigCheck(key -> Optional.ofNullable(values.get(key))).problems();
    assertThat(only(problems)).contains("ANTPATH_VAULT_KEYS").contains("required");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "antpath.db.url|mysql://localhost/antpath|PostgreSQL JDBC URL",
        "antpath.mode|staging|'dev' or 'production'",
        "antpath.db.migrate-on-start|yes|'true' or 'false'",
        "antpath.tier.max-concurrent-runs|0|whole number",
        "antpath.tier.max-queued-runs|-3|whole number",
        "antpath.tier.submissions-per-minute|lots|whole number",
        "antpath.tier.default-run-timeout-seconds|1.5|whole number",
        "antpath.tier.max-run-timeout-seconds|99999999999|whole number",
        "antpath.tier.storage-cap|ten gigs|size like",
        "antpath.tier.output-safety-cap|99999999999TiB|too large",
        "antpath.storage.dir|relative/storage|absolute path",
        "antpath.storage.kind|ftp|'filesystem' or 's3'",
        "antpath.provider.base-url|api.anthropic.com|absolute http(s) URL",
        "antpath.provider.base-url|ftp://api.anthropic.com|absolute http(s) URL",
        "antpath.startup.exit-on-failure|1|'true' or 'false'",
        "antpath.vault.keys|no-colon|id:base64key",
        "antpath.vault.keys|k1:not*base64|not valid base64",
        "antpath.vault.keys|k1:c2hvcnQ=|must be 32 bytes",
        "antpath.vault.keys|bad id!:c2hvcnQ=|must match",
      })
  void malformedValue_isReportedWithItsKeyAndExpectedForm(
      String key, String value, String expected) {
    String line = only(problemsWith(Map.of(key, value)));
    assertThat(line)
        .startsWith(
            "antpath configuration error: " + Setting.valueOfKey(key).envVar() + " (" + key + ")");
    assertThat(line).contains(expected);
  }

  @Test
  void s3Storage_needsABucket_aValidEndpoint_andBothKeysOrNeither() {
    assertThat(only(problemsWith(Map.of("antpath.storage.kind", "s3"))))
        .contains("ANTPATH_STORAGE_S3_BUCKET")
        .contains("is required when ANTPATH_STORAGE_KIND is s3");
    values.clear();
    assertThat(
            only(
                problemsWith(
                    Map.of(
                        "antpath.storage.kind", "s3",
                        "antpath.storage.s3.bucket", "b",
                        "antpath.storage.s3.endpoint", "ftp://minio"))))
        .contains("ANTPATH_STORAGE_S3_ENDPOINT");
    values.clear();
    assertThat(
            only(
                problemsWith(
                    Map.of(
                        "antpath.storage.kind", "s3",
                        "antpath.storage.s3.bucket", "b",
                        "antpath.storage.s3.access-key-id", "AKIA"))))
        .contains("go together");
    values.clear();
    assertThat(
            problemsWith(
                Map.of(
                    "antpath.storage.kind", "s3",
                    "antpath.storage.s3.bucket", "b",
                    "antpath.storage.s3.endpoint", "https://minio.example.com")))
        .isEmpty();
  }

  @Test
  void duplicateVaultKeyIds_areRefused() {
    assertThat(only(problemsWith(Map.of("antpath.vault.keys", "k1:" + KEY_A + ",k1:" + KEY_A))))
        .contains("listed twice");
  }

  @Test
  void activeKeyIdOutsideTheKeyList_isRefused() {
    assertThat(only(problemsWith(Map.of("antpath.vault.active-key-id", "k9"))))
        .contains("ANTPATH_VAULT_ACTIVE_KEY_ID")
        .contains("not in ANTPATH_VAULT_KEYS");
  }

  @Test
  void productionMode_refusesDevVaultKeys() {
    assertThat(only(problemsWith(Map.of("antpath.vault.keys", "dev-local:" + KEY_A))))
        .contains("ANTPATH_VAULT_KEYS")
        .contains("development key");
  }

  @Test
  void devMode_acceptsDevVaultKeys() {
    assertThat(
            problemsWith(Map.of("antpath.mode", "dev", "antpath.vault.keys", "dev-local:" + KEY_A)))
        .isEmpty();
  }

  @Test
  void productionMode_refusesPlainHttpProvider() {
    assertThat(only(problemsWith(Map.of("antpath.provider.base-url", "http://127.0.0.1:9999"))))
        .contains("ANTPATH_PROVIDER_BASE_URL")
        .contains("https");
  }

  @Test
  void devMode_acceptsPlainHttpProvider() {
    assertThat(
            problemsWith(
                Map.of(
                    "antpath.mode", "dev", "antpath.provider.base-url", "http://127.0.0.1:9999")))
        .isEmpty();
  }

  @Test
  void problems_neverEchoSecretValues() {
    String secret = "k1:" + Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes());
    List<ConfigProblem> problems =
        problemsWith(Map.of("antpath.vault.keys", secret, "antpath.db.password", "hunter2"));
    assertThat(problems.toString()).doesNotContain(secret.substring(3)).doesNotContain("hunter2");
  }

  @Test
  void everyProblemOfSeveral_isReported() {
    List<ConfigProblem> problems =
        problemsWith(
            Map.of("antpath.tier.max-concurrent-runs", "x", "antpath.storage.kind", "tape"));
    assertThat(problems)
        .extracting(ConfigProblem::key)
        .containsExactlyInAnyOrder("antpath.tier.max-concurrent-runs", "antpath.storage.kind");
  }
}
