package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the fenced examples of one section of a Markdown document as written, in one shell, against
 * a demo stack, and checks each {@code #>} line: the output so far must show that text next. So the
 * documentation cannot drift from what antpath does.
 */
final class DocExamples {
  private DocExamples() {}

  /** The section of {@code doc} (relative to the repository root) under heading {@code heading}. */
  static String section(String doc, String heading) throws IOException {
    String text = Files.readString(Path.of("..").resolve(doc));
    int start = text.indexOf("\n" + heading + "\n");
    assertThat(start).as(heading + " in " + doc).isGreaterThanOrEqualTo(0);
    String section = text.substring(start + 1);
    int end = section.indexOf("\n## ", heading.length());
    return end < 0 ? section : section.substring(0, end);
  }

  /** The contents of the section's {@code ```lang} blocks, in order. */
  static List<String> blocks(String section, String lang) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```" + lang + "\\n(.*?)```", Pattern.DOTALL).matcher(section);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  /**
   * Runs the section's bash blocks with {@code .antpath/dev.env} written for {@code stack} in
   * {@code dir}, checks the {@code #>} lines, and returns how many there were.
   */
  static int runBash(String section, DemoStack stack, Path dir, int timeoutSeconds)
      throws IOException, InterruptedException {
    StringBuilder script = new StringBuilder("set -euo pipefail\n");
    List<String> expected = new ArrayList<>();
    for (String block : blocks(section, "bash")) {
      script.append(block);
      for (String line : block.split("\n")) {
        if (line.startsWith("#> ")) {
          expected.add(line.substring(3));
        }
      }
    }
    writeDevEnv(stack, dir);
    Path file = dir.resolve("examples.sh");
    Files.writeString(file, script);
    String out = run(dir, timeoutSeconds, "bash", file.toString());
    int at = 0;
    for (String e : expected) {
      int found = out.indexOf(e, at);
      assertThat(found)
          .as("'" + e + "' after position " + at + " in:\n" + out)
          .isGreaterThanOrEqualTo(0);
      at = found + e.length();
    }
    return expected.size();
  }

  /** {@code .antpath/dev.env} as bin/dev writes it, for {@code stack}. */
  static void writeDevEnv(DemoStack stack, Path dir) throws IOException {
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
            + (stack.sim == null ? "" : "\nANTPATH_SIM_URL=" + stack.sim.baseUri())
            + "\n");
  }

  /** Runs a command in {@code dir}; fails unless it exits 0 in time; returns its output. */
  static String run(Path dir, int timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as("finished in time; output:\n" + out).isTrue();
    assertThat(p.exitValue()).as("exit status; output:\n" + out).isZero();
    return out;
  }
}
