package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The committed OpenAPI document (docs/openapi.json, which ApiContractST keeps equal to what
 * /openapi serves) passes Redocly's linter, recommended rules, with no error and no warning. The
 * linter's version is pinned in src/test/openapi-lint/package-lock.json and installed with {@code
 * npm ci} from the npm registry.
 */
class OpenApiLintTest {
  private static final Path DIR = Path.of("src", "test", "openapi-lint");

  @Test
  void theDocument_passesRedoclyLint_withNoErrorAndNoWarning() throws Exception {
    run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"));
    String report =
        run(
            List.of(
                "npx",
                "--no-install",
                "redocly",
                "lint",
                "--format=json",
                Path.of("..", "..", "..", "..", "docs", "openapi.json").toString()));
    JsonNode json = new ObjectMapper().readTree(report.substring(report.indexOf('{')));
    assertThat(json.get("problems")).as(report).isEmpty();
    assertThat(json.get("totals").get("errors").asInt()).isZero();
    assertThat(json.get("totals").get("warnings").asInt()).isZero();
  }

  /** Runs a command in the lint folder and returns what it printed on standard output. */
  private static String run(List<String> command) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .directory(DIR.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(command + " finished").isTrue();
    assertThat(p.exitValue()).as(command + " exit code; it printed:\n" + out).isZero();
    return out;
  }
}
