package io.antpath.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own ({@code initdb} + {@code pg_ctl} from the PATH or the
 * Debian install folder) on a free loopback port, in a folder under {@code target/}: for fault
 * tests that restart the database or fill its connection slots, which must never happen to the
 * shared server other tests use at the same time. Trust authentication, user {@code postgres};
 * durability off ({@code fsync=off}), as a test needs none.
 */
public final class PrivatePostgres implements AutoCloseable {
  private final Path dir;
  private final int port;

  private PrivatePostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Creates and starts a server allowing {@code maxConnections} connections. */
  public static PrivatePostgres start(Path parent, int maxConnections) throws IOException {
    Files.createDirectories(parent);
    Path dir = Files.createTempDirectory(parent.toAbsolutePath(), "pg-");
    PrivatePostgres pg = new PrivatePostgres(dir, AntpathServer.freePort());
    if (asRoot()) {
      // PostgreSQL refuses to run as root: its folder belongs to the postgres user.
      run(List.of("chown", "-R", "postgres", dir.toString()), Duration.ofSeconds(10));
    }
    pg.tool(
        "initdb",
        "-D",
        dir.resolve("data").toString(),
        "-A",
        "trust",
        "-U",
        "postgres",
        "--no-sync",
        "-E",
        "UTF8");
    Files.writeString(
        dir.resolve("data/postgresql.auto.conf"),
        String.join(
            "\n",
            "listen_addresses = '127.0.0.1'",
            "port = " + pg.port,
            "unix_socket_directories = '" + dir + "'",
            "max_connections = " + maxConnections,
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            ""));
    pg.ctl("start");
    pg.awaitUp();
    return pg;
  }

  public int port() {
    return port;
  }

  /** Admin JDBC URL (database {@code postgres}). */
  public String adminUrl() {
    return url("postgres");
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
  }

  /** Creates a database and returns its JDBC URL. */
  public String createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl())) {
      c.createStatement().execute("create database " + name);
    }
    return url(name);
  }

  /** Stops the server (fast shutdown: open connections are cut) and starts it again. */
  public void restart() throws IOException {
    ctl("stop", "-m", "fast");
    ctl("start");
    awaitUp();
  }

  /** Stops the server (fast shutdown); {@link #startAgain()} brings it back. */
  public void stop() throws IOException {
    ctl("stop", "-m", "fast");
  }

  public void startAgain() throws IOException {
    ctl("start");
    awaitUp();
  }

  @Override
  public void close() {
    try {
      ctl("stop", "-m", "immediate");
    } catch (IOException | RuntimeException e) {
      // Already stopped.
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Left under target/; the next clean removes it.
    }
  }

  private void awaitUp() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Connection c = DriverManager.getConnection(adminUrl())) {
        return;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("private PostgreSQL did not come up: " + e.getMessage());
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(ie);
        }
      }
    }
  }

  private void ctl(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("-D", dir.resolve("data").toString(), "-w"));
    all.addAll(List.of(args));
    if (args[0].equals("start")) {
      all.addAll(List.of("-l", dir.resolve("server.log").toString()));
    }
    tool("pg_ctl", all.toArray(String[]::new));
  }

  private void tool(String name, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    if (asRoot()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(binary(name));
    command.addAll(List.of(args));
    run(command, Duration.ofSeconds(60));
  }

  private static void run(List<String> command, Duration timeout) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed:\n" + out);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The tool from the PATH, else from the newest Debian PostgreSQL install. */
  private static String binary(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
        return Path.of(d, name).toString();
      }
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin").resolve(name))
          .filter(Files::isExecutable)
          .max(Comparator.naturalOrder())
          .map(Path::toString)
          .orElseThrow(() -> new IllegalStateException(name + " not found"));
    } catch (IOException e) {
      throw new IllegalStateException(name + " not found on the PATH or in /usr/lib/postgresql");
    }
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
