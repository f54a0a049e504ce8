package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.sdk.AntpathClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every code block of {@code antpath-sdk/README.md} as written: the Maven coordinates name this
 * SDK's version, and each Java program compiles as Java 17 and runs against a server whose worker
 * drives runs on the Claude API simulator, showing what its comments say.
 */
@ExtendWith(DemoStack.WithWorker.class)
class SdkReadmeST {
  private final DemoStack stack = DemoStack.withWorker();

  @Test
  void everyCodeBlock_isJavaOrTheDependency_andTheDependencyIsThisVersion() throws Exception {
    String readme = Files.readString(Path.of("../antpath-sdk/README.md"));
    Matcher fences = Pattern.compile("```(\\w*)\\n").matcher(readme);
    List<String> langs = new ArrayList<>();
    while (fences.find()) {
      langs.add(fences.group(1));
    }
    assertThat(langs).containsOnly("xml", "java", "").contains("xml", "java");
    List<String> xml = DocExamples.blocks(readme, "xml");
    assertThat(xml).hasSize(1);
    assertThat(xml.get(0))
        .contains("<artifactId>antpath-sdk</artifactId>")
        .contains("<version>" + AntpathClient.VERSION + "</version>");
  }

  @Test
  void theJavaPrograms_runAsWrittenAndShowWhatTheySay(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of("../antpath-sdk/README.md"));
    List<String> programs = DocExamples.blocks(readme, "java");
    assertThat(programs).hasSize(3);

    String submit = run(dir, programs.get(0), "SubmitAndDownloadExample");
    assertThat(submit)
        .containsPattern("submitted [0-9a-f-]{36}, queued")
        .contains("session.status_idle {stopReason=end_turn}")
        .containsPattern("downloaded .*/out/[0-9a-f-]{36}/hello.txt");
    String runId = submit.replaceAll("(?s).*submitted ([0-9a-f-]{36}).*", "$1");
    assertThat(dir.resolve("out").resolve(runId).resolve("hello.txt")).isRegularFile();

    String list = run(dir, programs.get(1), "ListRunsExample");
    assertThat(list)
        .contains(runId + " succeeded")
        .containsPattern("\\n[1-9][0-9]* runs of team blue");

    String options = run(dir, programs.get(2), "CallOptionsExample");
    assertThat(options)
        .contains("201 then 200, same run: true")
        .containsPattern("request id myapp-[0-9a-f-]{36}")
        .contains("409 idempotency_conflict")
        .contains("terminal: true");
  }

  private String run(Path dir, String program, String className) throws Exception {
    assertThat(program).contains("public class " + className + " {");
    Path file = dir.resolve(className + ".java");
    Files.writeString(file, program);
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return DocExamples.run(
        dir,
        180,
        "env",
        "ANTPATH_BASE_URL=" + stack.server.baseUri(),
        "ANTPATH_API_TOKEN=" + stack.demoToken,
        "ANTHROPIC_API_KEY=sk-ant-readme-" + UUID.randomUUID(),
        javaBin,
        "--source",
        "17",
        "-cp",
        System.getProperty("java.class.path"),
        file.toString());
  }
}
