package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API contract, proved a second time with a TypeScript client: types generated from
 * docs/openapi.json by openapi-typescript (regenerated on every run, so a change to the document
 * that breaks typed code fails here), calls made with openapi-fetch, and src/test/ts-client's
 * contract.ts compiled by tsc in strict mode with {@code noEmitOnError}, written without a type
 * assertion or {@code any}. The compiled program drives every operation against the real server
 * through {@link ContractProxy}, which checks each request and answer against the document. Package
 * versions are pinned in src/test/ts-client/package-lock.json and installed with {@code npm ci}.
 */
@ExtendWith(DemoStack.WithWorker.class)
class TypeScriptClientST {
  private static final Path DIR = Path.of("src", "test", "ts-client");
  private static final Path DOCUMENT = Path.of("..", "..", "..", "..", "docs", "openapi.json");
  private final DemoStack stack = DemoStack.withWorker();

  @Test
  void theContractProgram_typeChecksAgainstTheDocument_andPassesAgainstTheServer()
      throws Exception {
    assertThat(castsIn(DIR.resolve("contract.ts")))
        .as("contract.ts must stay cast-free: no 'as', no 'any', no '!' assertion")
        .isEmpty();
    run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), Map.of());
    deleteTree(DIR.resolve("generated"));
    deleteTree(DIR.resolve("dist"));
    run(
        List.of(
            "npx",
            "--no-install",
            "openapi-typescript",
            DOCUMENT.toString(),
            "-o",
            Path.of("generated", "schema.d.ts").toString()),
        Map.of());
    run(List.of("npx", "--no-install", "tsc", "-p", "."), Map.of());

    String document =
        Files.readString(
            Path.of(System.getProperty("antpath.repo.dir", ".."), "docs", "openapi.json"));
    try (ContractProxy proxy = ContractProxy.start(stack.server.baseUri(), document)) {
      String out =
          run(
              List.of("node", Path.of("dist", "contract.js").toString()),
              Map.of(
                  "ANTPATH_BASE_URL",
                  proxy.uri().toString(),
                  "ANTPATH_API_TOKEN",
                  stack.demoToken));
      assertThat(out).contains("every step answered as documented");
      assertThat(proxy.violations()).as("answers that depart from the document").isEmpty();
      Set<String> operations =
          proxy.exercised().stream()
              .map(e -> e.substring(0, e.lastIndexOf(' ')))
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(operations)
          .as("operations exercised")
          .containsAll(ContractProxy.documentedOperations(document));
    }
  }

  /** The lines of a TypeScript file, comments aside, that assert a type or escape to any. */
  private static List<String> castsIn(Path source) throws IOException {
    return Files.readAllLines(source).stream()
        .map(line -> line.replaceAll("//.*", "").replaceAll("\"[^\"]*\"|`[^`]*`", "\"\""))
        .filter(
            line ->
                line.matches(".*\\b(as|any)\\b.*")
                    || line.matches(".*[\\w)\\]]!(?!=).*")
                    || line.contains("@ts-"))
        .toList();
  }

  /**
   * Runs a command in the client's folder and returns what it printed (standard output and error
   * together); a non-zero exit fails the test with that output.
   */
  private static String run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(command + " finished").isTrue();
    assertThat(p.exitValue()).as(command + " exit code; it printed:\n" + out).isZero();
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }
}
