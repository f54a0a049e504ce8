package io.antpath.serverst;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Server domain of its own (own folder, free ports), driven with {@code asadmin} exactly
 * as an operator would. The server JVM inherits the environment of {@code start-domain}, which is
 * how docs/deployment.md passes antpath's settings.
 */
final class PayaraDomain implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);
  private final Path home;
  private final Path domainsDir;
  private final String name;
  private final int portBase;
  private final Path work;
  private Map<String, String> env = Map.of();
  private boolean running;

  private PayaraDomain(Path home, Path work, int portBase) {
    this.home = home;
    this.work = work;
    this.domainsDir = work.resolve("domains");
    this.name = "antpath";
    this.portBase = portBase;
  }

  /** Creates a domain under {@code target/} whose 100 ports from a free base are all free. */
  static PayaraDomain create(Path home, Path targetDir) throws IOException {
    deleteEarlierDomains(targetDir);
    Path work = Files.createDirectories(targetDir.resolve("domain-" + UUID.randomUUID()));
    PayaraDomain domain = new PayaraDomain(home, work, freePortBase());
    domain.asadminOk(
        "create-domain",
        "--nopassword",
        "--checkports=true",
        "--portbase",
        Integer.toString(domain.portBase),
        "--domaindir",
        domain.domainsDir.toString(),
        domain.name);
    return domain;
  }

  /**
   * Starts the domain; its JVM sees {@code environment} (antpath's settings) as its environment.
   */
  void start(Map<String, String> environment) throws IOException {
    this.env = Map.copyOf(environment);
    asadminOk("start-domain", "--domaindir", domainsDir.toString(), name);
    running = true;
  }

  void restart() throws IOException {
    asadminOk("restart-domain", "--domaindir", domainsDir.toString(), name);
  }

  /** A remote command against this domain's admin port. */
  Result remote(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("--port", Integer.toString(adminPort())));
    all.addAll(List.of(args));
    return asadmin(all.toArray(String[]::new));
  }

  Result remoteOk(String... args) throws IOException {
    Result r = remote(args);
    if (r.exit() != 0) {
      throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed:\n" + r);
    }
    return r;
  }

  int adminPort() {
    return portBase + 48;
  }

  URI httpBase() {
    return URI.create("http://127.0.0.1:" + (portBase + 80));
  }

  Path serverLog() {
    return domainsDir.resolve(name).resolve("logs").resolve("server.log");
  }

  String serverLogText() {
    try {
      return Files.exists(serverLog()) ? Files.readString(serverLog()) : "";
    } catch (IOException e) {
      return "(server.log unreadable: " + e + ")";
    }
  }

  Path work() {
    return work;
  }

  @Override
  public void close() throws IOException {
    if (running) {
      running = false;
      Result stop =
          asadmin("stop-domain", "--kill=true", "--domaindir", domainsDir.toString(), name);
      if (stop.exit() != 0) {
        throw new IllegalStateException("stop-domain failed:\n" + stop);
      }
    }
  }

  record Result(int exit, String output) {
    @Override
    public String toString() {
      return "exit " + exit + "\n" + output;
    }
  }

  private Result asadminOk(String... args) throws IOException {
    Result r = asadmin(args);
    if (r.exit() != 0) {
      throw new IllegalStateException(
          "asadmin " + String.join(" ", args) + " failed:\n" + r + "\n" + tail(serverLogText()));
    }
    return r;
  }

  private Result asadmin(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin").resolve("asadmin").toString());
    command.add("--interactive=false");
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "asadmin-", ".out");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    String javaHome = System.getProperty("java.home");
    Map<String, String> environment = pb.environment();
    environment.keySet().removeIf(k -> k.startsWith("ANTPATH_"));
    environment.put("AS_JAVA", javaHome);
    environment.put("JAVA_HOME", javaHome);
    environment.put("PATH", javaHome + "/bin:" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
    environment.putAll(env);
    Process p = pb.start();
    try {
      if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "asadmin " + String.join(" ", args) + " did not finish in " + COMMAND_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException(e);
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  /** An earlier run's domain (about 240 MB each) is kept for its logs until the next run. */
  private static void deleteEarlierDomains(Path targetDir) throws IOException {
    try (var earlier = Files.newDirectoryStream(targetDir, "domain-*")) {
      for (Path dir : earlier) {
        try (var tree = Files.walk(dir)) {
          for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  static String tail(String text) {
    return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
  }

  /** A base whose next 100 ports are all free on every interface (asadmin checks them again). */
  private static int freePortBase() throws IOException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = random.nextInt(100, 200) * 100;
      if (allFree(base)) {
        return base;
      }
    }
    throw new IOException("no free block of 100 ports found in 10000-19999");
  }

  private static boolean allFree(int base) {
    for (int port = base; port < base + 100; port++) {
      try (ServerSocket any = new ServerSocket();
          ServerSocket loopback = new ServerSocket()) {
        any.bind(new InetSocketAddress(port));
        any.close();
        loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }
}
