package io.antpath.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The examples source set ({@code src/examples/java}, compiled by the build) and the README's Java
 * programs are the same files: each program is an example, each example is in the README.
 */
class ReadmeExamplesTest {
  private static final Path EXAMPLES = Path.of("src/examples/java");

  @Test
  void everyReadmeProgram_isAnExampleFile_andEveryExampleIsInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher blocks = Pattern.compile("(?s)```java\\n(.*?)```").matcher(readme);
    List<String> inReadme = new ArrayList<>();
    while (blocks.find()) {
      String program = blocks.group(1);
      Matcher name = Pattern.compile("public class (\\w+Example) \\{").matcher(program);
      assertThat(name.find()).as("a README program named *Example:%n%s", program).isTrue();
      Path file = EXAMPLES.resolve(name.group(1) + ".java");
      assertThat(file).as("README program %s in src/examples/java", name.group(1)).exists();
      assertThat(Files.readString(file)).as(file.toString()).isEqualTo(program);
      inReadme.add(file.getFileName().toString());
    }
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(inReadme);
    }
  }
}
