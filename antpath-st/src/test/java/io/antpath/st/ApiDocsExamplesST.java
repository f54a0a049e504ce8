package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the bash examples of docs/api.md's "Examples" section as written, in one shell, against the
 * demo server, and checks each {@code #>} line: the output so far must show that text next.
 */
@ExtendWith(DemoStack.class)
class ApiDocsExamplesST {
  private static final Pattern BASH = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
  private final DemoStack stack = DemoStack.get();

  @Test
  void theExamplesOfDocsApiMd_runAndShowWhatTheySay(@TempDir Path dir) throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "api.md"));
    String section = doc.substring(doc.indexOf("## Examples"));
    section = section.substring(0, section.indexOf("\n## ", 4));
    StringBuilder script = new StringBuilder("set -euo pipefail\n");
    List<String> expected = new ArrayList<>();
    Matcher m = BASH.matcher(section);
    while (m.find()) {
      script.append(m.group(1));
      for (String line : m.group(1).split("\n")) {
        if (line.startsWith("#> ")) {
          expected.add(line.substring(3));
        }
      }
    }
    assertThat(expected).as("checked lines in docs/api.md").hasSizeGreaterThan(10);

    Files.createDirectories(dir.resolve(".antpath"));
    String base = stack.server.baseUri().toString().replaceAll("/$", "");
    Files.writeString(
        dir.resolve(".antpath/dev.env"),
        "ANTPATH_BASE_URL="
            + base
            + "\nANTPATH_DEMO_TOKEN="
            + stack.demoToken
            + "\nANTPATH_DEMO_OTHER_TOKEN="
            + stack.otherToken
            + "\n");
    Path file = dir.resolve("examples.sh");
    Files.writeString(file, script);
    Process p =
        new ProcessBuilder("bash", file.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as("examples finished").isTrue();
    assertThat(p.exitValue()).as("exit status; output:\n" + out).isZero();
    int at = 0;
    for (String e : expected) {
      int found = out.indexOf(e, at);
      assertThat(found)
          .as("'" + e + "' after position " + at + " in:\n" + out)
          .isGreaterThanOrEqualTo(0);
      at = found + e.length();
    }
  }
}
