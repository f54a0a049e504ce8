package io.antpath.serverst;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/deployment.md gives a production value for every setting docs/configuration.md lists. */
class DeploymentDocTest {
  private static final Path DOCS = Path.of("..", "docs");

  @Test
  void everySetting_hasAProductionRow() throws IOException {
    String configuration = Files.readString(DOCS.resolve("configuration.md"));
    String deployment = Files.readString(DOCS.resolve("deployment.md"));
    Matcher rows =
        Pattern.compile("(?m)^\\| `antpath\\.[^`]+` \\| `(ANTPATH_[A-Z0-9_]+)` \\|")
            .matcher(configuration);
    int settings = 0;
    while (rows.find()) {
      String env = rows.group(1);
      assertThat(deployment.lines().filter(l -> l.startsWith("| `" + env + "` |")).count())
          .as("one row for %s in docs/deployment.md", env)
          .isEqualTo(1);
      settings++;
    }
    assertThat(settings).isGreaterThan(50);
  }
}
