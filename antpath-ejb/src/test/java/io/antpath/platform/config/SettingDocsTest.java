package io.antpath.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every setting, its env var and default. */
class SettingDocsTest {
  @Test
  void configurationDoc_listsEveryKeyEnvVarAndDefault() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    for (Setting s : Setting.values()) {
      String row =
          doc.lines().filter(l -> l.startsWith("| `" + s.key() + "` |")).findFirst().orElse("");
      assertThat(row).as("row of %s in docs/configuration.md", s.key()).isNotEmpty();
      assertThat(row).contains("`" + s.envVar() + "`");
      assertThat(row)
          .contains(
              s.defaultValue().map(d -> "`" + d + "`").orElse(s.required() ? "required" : "unset"));
    }
  }

  @Test
  void envVarMapping_followsMicroProfileConfigRules() {
    assertThat(Setting.TIER_MAX_CONCURRENT_RUNS.envVar())
        .isEqualTo("ANTPATH_TIER_MAX_CONCURRENT_RUNS");
    assertThat(Setting.DB_URL.envVar()).isEqualTo("ANTPATH_DB_URL");
  }
}
