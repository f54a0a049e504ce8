package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The bash examples of docs/api.md's "Examples" section, run as written against a demo server. */
@ExtendWith(DemoStack.class)
class ApiDocsExamplesST {
  private final DemoStack stack = DemoStack.get();

  @Test
  void theExamplesOfDocsApiMd_runAndShowWhatTheySay(@TempDir Path dir) throws Exception {
    String section = DocExamples.section("docs/api.md", "## Examples (against bin/dev)");
    assertThat(DocExamples.runBash(section, stack, dir, 120))
        .as("checked lines in docs/api.md")
        .isGreaterThan(10);
  }
}
