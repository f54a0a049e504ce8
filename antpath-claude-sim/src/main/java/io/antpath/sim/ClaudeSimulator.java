package io.antpath.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server that answers like the Claude API for the Managed Agents + Files subset antpath
 * uses: same paths, headers, JSON shapes, status values, pagination and error bodies (see {@code
 * docs/simulator.md}). It checks the API key ({@code x-api-key} starting with {@code sk-ant-}),
 * {@code anthropic-version} and the beta headers, keeps its own state in memory, and plays a
 * scripted {@link Scenario} per session, picked by the session's metadata.
 *
 * <p>Time drives the scripts, not threads: a session's events appear when their moment has passed
 * and someone asks, so the simulator needs no background work. The time is the wall clock (there is
 * no injectable clock): what a session shows depends on how long ago its turn started, so a test of
 * a script's timing waits real time, and its waits are lower bounds, not exact moments.
 *
 * <p>This class is the public face (start, inspect, inject faults); each resource is answered by
 * its own package-private class ({@link AgentsApi}, {@link EnvironmentsApi}, {@link VaultsApi},
 * {@link SessionsApi}, {@link EventsApi}, {@link FilesApi}) over one {@link Store}, routed by the
 * {@link Dispatcher}.
 */
public final class ClaudeSimulator implements AutoCloseable {
  static final String VERSION = "2023-06-01";
  static final String AGENTS_BETA = "managed-agents-2026-04-01";
  static final String FILES_BETA = "files-api-2025-04-14";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Store store = new Store();
  private final Faults faults = new Faults();
  private final List<Recording> recordings = new CopyOnWriteArrayList<>();
  private final Dispatcher dispatcher = new Dispatcher(store, faults, recordings);

  private ClaudeSimulator(HttpServer server) {
    this.server = server;
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", dispatcher::handle);
    server.start();
  }

  /** Starts on 127.0.0.1 at {@code port} (0: any free port). */
  public static ClaudeSimulator start(int port) throws IOException {
    return new ClaudeSimulator(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64));
  }

  /**
   * {@code java -jar antpath-claude-sim.jar [port]} (or {@code ANTPATH_SIM_PORT}); 0 picks one. It
   * listens on 127.0.0.1 unless {@code ANTPATH_SIM_HOST} names another address (the container
   * image's {@code simulator} command: 0.0.0.0).
   */
  public static void main(String[] args) throws Exception {
    String port = args.length > 0 ? args[0] : System.getenv().getOrDefault("ANTPATH_SIM_PORT", "0");
    InetAddress host =
        InetAddress.getByName(System.getenv().getOrDefault("ANTPATH_SIM_HOST", "127.0.0.1"));
    ClaudeSimulator sim =
        new ClaudeSimulator(
            HttpServer.create(new InetSocketAddress(host, Integer.parseInt(port)), 64));
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
    System.out.println("antpath Claude simulator listening on " + sim.baseUri());
    System.out.flush();
    Thread.currentThread().join();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Requests answered so far (for tests that count provider calls). */
  public long requestCount() {
    return dispatcher.requestCount();
  }

  /**
   * Live (not deleted) resources of a kind: agent, environment, vault, credential, session, file.
   */
  public long count(String kind, boolean includeArchived) {
    return store.count(kind, includeArchived);
  }

  /** One request as the simulator received it: the API-relevant headers and the raw body. */
  public record Request(String method, String target, Map<String, String> headers, String body) {}

  /** The requests received while it is open, in arrival order. */
  public final class Recording implements AutoCloseable {
    private static final Set<String> HEADERS =
        Set.of("x-api-key", "authorization", "anthropic-version", "anthropic-beta", "content-type");
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private Recording() {}

    void add(HttpExchange exchange, byte[] body) {
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (k, v) -> {
                String name = k.toLowerCase(Locale.ROOT);
                if (HEADERS.contains(name)) {
                  headers.put(name, String.join(",", v));
                }
              });
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().toString(),
              headers,
              new String(body, StandardCharsets.UTF_8)));
    }

    public List<Request> requests() {
      return List.copyOf(requests);
    }

    @Override
    public void close() {
      recordings.remove(this);
    }
  }

  /** Starts recording every request until the recording is closed (for wiring tests). */
  public Recording record() {
    Recording r = new Recording();
    recordings.add(r);
    return r;
  }

  /**
   * Resources of a kind (agent, environment, vault, session) whose metadata has {@code key=value}
   * and that are neither archived nor deleted: what a run left behind on the "provider".
   */
  public long live(String kind, String key, String value) {
    return store.live(kind, key, value);
  }

  /** Files (outputs) of a session that still exist. */
  public long filesOf(String sessionId) {
    return store.filesOf(sessionId);
  }

  /** Sessions whose metadata has {@code key=value} (tests look up a run's session this way). */
  public List<String> sessionIdsWithMetadata(String key, String value) {
    return store.sessionIdsWithMetadata(key, value);
  }

  /**
   * Answers every request only after {@code latency} (zero: at once), as a real API over a network
   * does: how fault tests make a worker hold its leases long enough to be killed in the middle.
   */
  public void latency(java.time.Duration latency) {
    faults.latency(latency);
  }

  /**
   * Makes the next {@code times} requests matching {@code method} and {@code pathRegex} be carried
   * out but their answer lost: with {@code delay} zero the connection is closed without a status
   * line, otherwise the answer comes only after {@code delay} (after the client's timeout). How a
   * test proves that a create whose answer was lost is not repeated.
   */
  public void loseAnswers(String method, String pathRegex, int times, java.time.Duration delay) {
    faults.loseAnswers(method, pathRegex, times, delay);
  }

  /**
   * Resources (agent, environment, vault, session) created more than once with the same {@code
   * antpath.marker}, with how many times, deleted ones included: a create repeated blindly after a
   * crash or a lost answer shows here.
   */
  public Map<String, Integer> duplicateCreates() {
    return store.duplicateCreates();
  }

  /** Resources created so far that carried an {@code antpath.marker}. */
  public long markedCreates() {
    return store.markedCreates();
  }

  /**
   * Every resource (agent, environment, vault, session, file) that is neither deleted nor archived,
   * as {@code kind id}: what the runs left behind on the "provider".
   */
  public List<String> leftovers() {
    return store.leftovers();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
