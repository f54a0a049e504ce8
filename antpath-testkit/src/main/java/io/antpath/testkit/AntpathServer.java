package io.antpath.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real antpath server (Payara Micro running antpath.war) as a child process on a free loopback
 * port, the way bin/dev starts it. Inputs come from system properties that the build sets: {@code
 * payara.micro.jar}, {@code antpath.war}, {@code antpath.server-config.dir}.
 */
public final class AntpathServer implements AutoCloseable {
  // Generous: on 2 cores a server may start while several others of the same test run are busy.
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

  private final Process process;
  private final Path root;
  private final Path log;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private AntpathServer(Process process, Path root, Path log, int port) {
    this.process = process;
    this.root = root;
    this.log = log;
    this.port = port;
  }

  /** Starts the server with these settings as environment variables (ANTPATH_DB_URL=..., ...). */
  public static AntpathServer start(Map<String, String> env) throws IOException {
    return start(env, List.of("--nocluster", "--clustername", "antpath-test-" + UUID.randomUUID()));
  }

  /**
   * Starts the server with these settings and these Payara data grid options instead of {@code
   * --nocluster} (e.g. {@code --clustername}, {@code --startport}, {@code --clustermode
   * tcpip:...}).
   */
  public static AntpathServer start(Map<String, String> env, List<String> gridOptions)
      throws IOException {
    int port = freePort();
    Path root = Files.createTempDirectory("antpath-server-");
    Path log = root.resolve("server.log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        List.of(
            "-Xmx512m",
            "-jar",
            required("payara.micro.jar"),
            "--deploy",
            required("antpath.war"),
            "--contextroot",
            "/",
            "--port",
            Integer.toString(port),
            "--interfaces",
            "127.0.0.1",
            "--nohostaware",
            "--rootdir",
            root.resolve("payara").toString(),
            "--postbootcommandfile",
            Path.of(required("antpath.server-config.dir"), "post-boot-commands.asadmin")
                .toString()));
    command.addAll(gridOptions);
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = pb.environment();
    environment.keySet().removeIf(k -> k.startsWith("ANTPATH_"));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("ANTPATH_MODE", "dev");
    settings.put("ANTPATH_STARTUP_EXIT_ON_FAILURE", "true");
    settings.put("ANTPATH_HTTP_SECURE_COOKIES", "false");
    settings.put("ANTPATH_STORAGE_DIR", root.resolve("storage").toString());
    // Tests that need runs to run turn the worker on and point it at a simulator.
    settings.put("ANTPATH_WORKER_ENABLED", "false");
    settings.putAll(env);
    environment.putAll(settings);
    return new AntpathServer(pb.start(), root, log, port);
  }

  /** Settings for a dev-mode server on {@code db} with a fresh random vault key. */
  public static Map<String, String> devSettings(TestDatabase db) {
    return devSettings(db.url());
  }

  /**
   * Settings for a dev-mode server on the database at {@code jdbcUrl} with a fresh random vault
   * key.
   */
  public static Map<String, String> devSettings(String jdbcUrl) {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ANTPATH_DB_URL", jdbcUrl);
    env.put("ANTPATH_VAULT_KEYS", "dev-test:" + java.util.Base64.getEncoder().encodeToString(key));
    return env;
  }

  /** The chosen HTTP port was taken before the server could bind it. */
  public static final class PortTakenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }

  /** Starts and waits for readiness, on another port if the chosen one was taken meanwhile. */
  public static AntpathServer startReady(Map<String, String> env) throws IOException {
    return startReady(
        env, List.of("--nocluster", "--clustername", "antpath-test-" + UUID.randomUUID()));
  }

  /** As {@link #startReady(Map)}, with these data grid options (see {@link #start(Map, List)}). */
  public static AntpathServer startReady(Map<String, String> env, List<String> gridOptions)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      AntpathServer server = start(env, gridOptions);
      try {
        return server.awaitReady();
      } catch (PortTakenException e) {
        server.close();
        if (attempt == 3) {
          throw e;
        }
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
  }

  /** Waits until /health/ready answers 200; fails with the server log when it dies or times out. */
  public AntpathServer awaitReady() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "server exited with " + process.exitValue() + "\n" + logTail());
      }
      if (status("/health/ready") == 200) {
        return this;
      }
      if (log().contains("GrizzlyProxy is NULL")) {
        throw new PortTakenException("the HTTP port " + port + " could not be bound");
      }
      sleep(250);
    }
    throw new IllegalStateException("server not ready after " + START_TIMEOUT + "\n" + logTail());
  }

  /** Waits for the process to end by itself; returns its exit code, or -1 on timeout. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** The server's process id (for signals: SIGSTOP, SIGCONT, SIGTERM, SIGKILL). */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Sends a signal by name ({@code STOP}, {@code CONT}, {@code TERM}, {@code KILL}) to the server.
   */
  public void signal(String name) throws IOException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
    try {
      if (kill.waitFor() != 0) {
        throw new IOException("kill -" + name + " " + pid() + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * The id of this server's worker, from its log line {@code worker <id> started} (empty until the
   * worker started, or when it is disabled).
   */
  public java.util.Optional<String> workerId() {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("worker (\\S+) started: ").matcher(log());
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** HTTP status of a GET, or -1 when nothing answers. */
  public int status(String path) {
    try {
      return get(path).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  public HttpResponse<String> get(String path) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(baseUri().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  public String logTail() {
    String all = log();
    return all.length() <= 20_000 ? all : all.substring(all.length() - 20_000);
  }

  /**
   * Stops the server (SIGTERM, SIGKILL after 30 s) and deletes its folder (Payara's root, the log,
   * default storage: about 170 MB each).
   */
  @Override
  public void close() {
    reportUnexpectedFailures();
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (!process.isAlive()) {
      try (java.util.stream.Stream<Path> files = Files.walk(root)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // Left in the temporary folder.
      }
    }
  }

  /**
   * Prints the server's records of unexpected request failures (the ones answered 500 {@code
   * internal_error}) with their stack traces to the test output before the log is deleted, so a 500
   * seen by a test in CI can be traced to its cause.
   */
  private void reportUnexpectedFailures() {
    List<String> lines = log().lines().toList();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).contains("unexpected failure in request")) {
        continue;
      }
      // Payara's records start with "[<timestamp>]"; the message may sit on the line after it.
      int start = i > 0 && lines.get(i - 1).startsWith("[20") ? i - 1 : i;
      for (int j = start; j < Math.min(lines.size(), i + 60); j++) {
        if (j > i && lines.get(j).startsWith("[20")) {
          break;
        }
        out.append(lines.get(j)).append('\n');
      }
    }
    if (!out.isEmpty()) {
      System.err.println("antpath server on port " + port + " answered 500s:\n" + out);
    }
  }

  /**
   * A port that is free now, below the kernel's ephemeral range (32768+): a port picked there can
   * be taken by any outgoing connection (JDBC, HTTP) before the server binds it.
   */
  public static int freePort() throws IOException {
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = random.nextInt(20_000, 32_000);
      try (ServerSocket s = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // Try another.
      }
    }
    throw new IOException("no free port found in 20000-32000");
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + property + " is not set (the Maven build sets it)");
    }
    return value;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
