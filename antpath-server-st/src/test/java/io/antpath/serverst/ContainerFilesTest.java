package io.antpath.serverst;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The container files, checked where no container engine can build them (docs/deployment.md says
 * why): the Dockerfile's rules, the entry point and health check scripts run for real, and two
 * linters from npm (dockerfile-utils for the Dockerfile, dclint for compose.yaml) report nothing.
 */
class ContainerFilesTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static String read(String file) throws IOException {
    return Files.readString(REPO.resolve(file));
  }

  @Test
  void dependencyLayer_copiesEveryModulePomBeforeAnySource() throws IOException {
    String dockerfile = read("Dockerfile");
    Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(read("pom.xml"));
    int firstSource = dockerfile.indexOf("COPY antpath-sdk antpath-sdk");
    assertThat(firstSource).isPositive();
    while (modules.find()) {
      String m = modules.group(1);
      int pom = dockerfile.indexOf("COPY " + m + "/pom.xml " + m + "/");
      assertThat(pom).as("the dependency layer copies %s/pom.xml", m).isPositive();
      assertThat(pom).as("%s/pom.xml comes before the sources", m).isLessThan(firstSource);
    }
  }

  @Test
  void noFailureIsHidden_andTheServerRunsAsANumericUnprivilegedUser() throws IOException {
    for (String f : List.of("Dockerfile", "container/antpath", "container/healthcheck")) {
      assertThat(read(f)).as(f).doesNotContain("|| true");
    }
    String dockerfile = read("Dockerfile");
    Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(dockerfile);
    assertThat(user.find()).as("USER uid:gid").isTrue();
    assertThat(Integer.parseInt(user.group(1))).isGreaterThan(999);
    assertThat(user.start()).isLessThan(dockerfile.indexOf("ENTRYPOINT"));
    assertThat(dockerfile).contains("HEALTHCHECK").contains("CMD [\"healthcheck\"]");
  }

  @Test
  void dockerignore_keepsBuildOutputAndHistoryOut() throws IOException {
    assertThat(read(".dockerignore").lines()).contains("**/target/", ".git/", ".antpath/");
  }

  @Test
  void healthcheck_isHealthyOnlyWhenReadinessAnswers200() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        x -> {
          int status = x.getRequestURI().getPath().equals("/health/ready") ? 200 : 503;
          x.sendResponseHeaders(status, -1);
          x.close();
        });
    server.start();
    try {
      String port = Integer.toString(server.getAddress().getPort());
      assertThat(run(Map.of("ANTPATH_HTTP_PORT", port), "container/healthcheck").exit()).isZero();
      assertThat(
              run(Map.of("ANTPATH_HTTP_PORT", port), "container/healthcheck", "/health/live")
                  .exit())
          .isEqualTo(1);
    } finally {
      server.stop(0);
    }
    String closed = Integer.toString(io.antpath.testkit.AntpathServer.freePort());
    assertThat(run(Map.of("ANTPATH_HTTP_PORT", closed), "container/healthcheck").exit())
        .isEqualTo(1);
  }

  @Test
  void entryPoint_refusesAnUnknownCommandWithItsUsage() throws Exception {
    Result r = run(Map.of(), "container/antpath", "sreve");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.output())
        .contains("usage: antpath [serve")
        .contains("migrate")
        .contains("simulator");
  }

  @Test
  void compose_setsOnlyDocumentedSettings_andRunsTwoInstancesBesidePostgresAndTheSimulator()
      throws IOException {
    String compose = read("compose.yaml");
    String doc = read("docs/configuration.md");
    Matcher env = Pattern.compile("(?m)^\\s+(ANTPATH_[A-Z0-9_]+):").matcher(compose);
    int settings = 0;
    while (env.find()) {
      if (!env.group(1).equals("ANTPATH_SIM_PORT")) {
        assertThat(doc)
            .as("docs/configuration.md documents %s", env.group(1))
            .contains("`" + env.group(1) + "`");
      }
      settings++;
    }
    assertThat(settings).isGreaterThan(5);
    assertThat(compose)
        .contains("\n  antpath-1:", "\n  antpath-2:", "\n  postgres:", "\n  simulator:")
        .contains("condition: service_completed_successfully");
  }

  @Test
  void linters_reportNothing() throws Exception {
    Result dockerfile =
        run(Map.of(), "npx", "--yes", "dockerfile-utils@0.16.3", "lint", "Dockerfile");
    assertThat(dockerfile.exit()).as(dockerfile.output()).isZero();
    assertThat(dockerfile.output().strip()).as("dockerfile-utils lint Dockerfile").isEmpty();
    Result compose = run(Map.of(), "npx", "--yes", "dclint@3.1.0", "compose.yaml");
    assertThat(compose.exit()).as(compose.output()).isZero();
  }

  private record Result(int exit, String output) {}

  /** Runs a command in the repository root (npx: Node.js must be installed, as on CI). */
  private static Result run(Map<String, String> env, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(command));
    if (cmd.get(0).startsWith("container/")) {
      cmd.add(0, "bash");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(REPO.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError(
          "cannot run " + command[0] + " (Node.js with npx is needed for the linters): " + e, e);
    }
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
