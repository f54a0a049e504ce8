package io.antpath.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server that answers like the Claude API for the Managed Agents + Files subset antpath
 * uses: same paths, headers, JSON shapes, status values, pagination and error bodies (see {@code
 * docs/simulator.md}). It checks the API key ({@code x-api-key} starting with {@code sk-ant-}),
 * {@code anthropic-version} and the beta headers, keeps its own state in memory, and plays a
 * scripted {@link Scenario} per session, picked by the session's metadata.
 *
 * <p>Time drives the scripts, not threads: a session's events appear when their moment has passed
 * and someone asks, so the simulator needs no background work and is deterministic per clock.
 */
public final class ClaudeSimulator implements AutoCloseable {
  static final String VERSION = "2023-06-01";
  static final String AGENTS_BETA = "managed-agents-2026-04-01";
  static final String FILES_BETA = "files-api-2025-04-14";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong CLOCK = new AtomicLong();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, ObjectNode> agents = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> environments = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> vaults = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> credentials = new ConcurrentHashMap<>();
  private final Map<String, SimSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, SimFile> files = new ConcurrentHashMap<>();
  private final Set<String> revokedKeys = ConcurrentHashMap.newKeySet();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final List<Recording> recordings = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicLong> createdByMarker = new ConcurrentHashMap<>();
  private volatile long latencyMillis;

  private ClaudeSimulator(HttpServer server) {
    this.server = server;
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
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
    return requests.get();
  }

  /**
   * Live (not deleted) resources of a kind: agent, environment, vault, credential, session, file.
   */
  public long count(String kind, boolean includeArchived) {
    Map<String, ? extends Object> map =
        switch (kind) {
          case "agent" -> agents;
          case "environment" -> environments;
          case "vault" -> vaults;
          case "credential" -> credentials;
          case "session" -> sessions;
          case "file" -> files;
          default -> throw new IllegalArgumentException(kind);
        };
    if (includeArchived) {
      return map.size();
    }
    return map.values().stream()
        .filter(
            v ->
                !(v instanceof ObjectNode o && o.hasNonNull("archived_at"))
                    && !(v instanceof SimSession s && s.json.hasNonNull("archived_at")))
        .count();
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
    if (kind.equals("session")) {
      return sessions.values().stream()
          .filter(s -> value.equals(s.metadata.get(key)) && !s.json.hasNonNull("archived_at"))
          .count();
    }
    Map<String, ObjectNode> map =
        switch (kind) {
          case "agent" -> agents;
          case "environment" -> environments;
          case "vault" -> vaults;
          default -> throw new IllegalArgumentException(kind);
        };
    return map.values().stream()
        .filter(o -> value.equals(o.path("metadata").path(key).asText(null)))
        .filter(o -> !o.hasNonNull("archived_at"))
        .count();
  }

  /** Files (outputs) of a session that still exist. */
  public long filesOf(String sessionId) {
    return files.values().stream().filter(f -> f.sessionId().equals(sessionId)).count();
  }

  /** Sessions whose metadata has {@code key=value} (tests look up a run's session this way). */
  public List<String> sessionIdsWithMetadata(String key, String value) {
    return sessions.values().stream()
        .filter(s -> value.equals(s.metadata.get(key)))
        .map(s -> s.id)
        .toList();
  }

  /**
   * Answers every request only after {@code latency} (zero: at once), as a real API over a network
   * does: how fault tests make a worker hold its leases long enough to be killed in the middle.
   */
  public void latency(java.time.Duration latency) {
    this.latencyMillis = latency.toMillis();
  }

  /**
   * Resources (agent, environment, vault, session) created more than once with the same {@code
   * antpath.marker}, with how many times, deleted ones included: a create repeated blindly after a
   * crash or a lost answer shows here.
   */
  public Map<String, Integer> duplicateCreates() {
    Map<String, Integer> out = new TreeMap<>();
    createdByMarker.forEach(
        (marker, n) -> {
          if (n.get() > 1) {
            out.put(marker, (int) n.get());
          }
        });
    return out;
  }

  /** Resources created so far that carried an {@code antpath.marker}. */
  public long markedCreates() {
    return createdByMarker.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /**
   * Every resource (agent, environment, vault, session, file) that is neither deleted nor archived,
   * as {@code kind id}: what the runs left behind on the "provider".
   */
  public List<String> leftovers() {
    List<String> out = new ArrayList<>();
    agents.forEach((id, o) -> addIfLive(out, "agent", id, o));
    environments.forEach((id, o) -> addIfLive(out, "environment", id, o));
    vaults.forEach((id, o) -> out.add("vault " + id));
    credentials.forEach((id, o) -> out.add("credential " + id));
    sessions.forEach((id, s) -> out.add("session " + id));
    files.forEach((id, f) -> out.add("file " + id));
    return out;
  }

  private static void addIfLive(List<String> out, String kind, String id, ObjectNode o) {
    if (!o.hasNonNull("archived_at")) {
      out.add(kind + " " + id);
    }
  }

  private void created(JsonNode in) {
    String marker = in.path("metadata").path("antpath.marker").asText(null);
    if (marker != null) {
      createdByMarker.computeIfAbsent(marker, k -> new AtomicLong()).incrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------------------------------------
  // Routing
  // ---------------------------------------------------------------------------------------------

  private record Route(String method, Pattern path, String beta, Handler handler) {}

  @FunctionalInterface
  private interface Handler {
    void handle(Call call, Matcher m) throws IOException;
  }

  private final List<Route> routes = routes();

  private List<Route> routes() {
    List<Route> r = new ArrayList<>();
    r.add(route("POST", "/v1/agents", AGENTS_BETA, this::createAgent));
    r.add(route("GET", "/v1/agents", AGENTS_BETA, (c, m) -> list(c, agents, null)));
    r.add(route("GET", "/v1/agents/([^/]+)", AGENTS_BETA, (c, m) -> get(c, agents, m.group(1))));
    r.add(
        route(
            "POST",
            "/v1/agents/([^/]+)/archive",
            AGENTS_BETA,
            (c, m) -> archive(c, agents, m.group(1))));
    r.add(route("POST", "/v1/environments", AGENTS_BETA, this::createEnvironment));
    r.add(route("GET", "/v1/environments", AGENTS_BETA, (c, m) -> list(c, environments, null)));
    r.add(
        route(
            "GET",
            "/v1/environments/([^/]+)",
            AGENTS_BETA,
            (c, m) -> get(c, environments, m.group(1))));
    r.add(
        route(
            "POST",
            "/v1/environments/([^/]+)/archive",
            AGENTS_BETA,
            (c, m) -> archive(c, environments, m.group(1))));
    r.add(route("DELETE", "/v1/environments/([^/]+)", AGENTS_BETA, this::deleteEnvironment));
    r.add(route("POST", "/v1/vaults", AGENTS_BETA, this::createVault));
    r.add(route("GET", "/v1/vaults", AGENTS_BETA, (c, m) -> list(c, vaults, null)));
    r.add(route("GET", "/v1/vaults/([^/]+)", AGENTS_BETA, (c, m) -> get(c, vaults, m.group(1))));
    r.add(route("DELETE", "/v1/vaults/([^/]+)", AGENTS_BETA, this::deleteVault));
    r.add(route("POST", "/v1/vaults/([^/]+)/credentials", AGENTS_BETA, this::createCredential));
    r.add(
        route(
            "GET",
            "/v1/vaults/([^/]+)/credentials",
            AGENTS_BETA,
            (c, m) -> list(c, credentials, o -> o.path("vault_id").asText().equals(m.group(1)))));
    r.add(
        route(
            "DELETE",
            "/v1/vaults/([^/]+)/credentials/([^/]+)",
            AGENTS_BETA,
            this::deleteCredential));
    r.add(route("POST", "/v1/sessions", AGENTS_BETA, this::createSession));
    r.add(route("GET", "/v1/sessions", AGENTS_BETA, this::listSessions));
    r.add(route("GET", "/v1/sessions/([^/]+)", AGENTS_BETA, this::getSession));
    r.add(route("POST", "/v1/sessions/([^/]+)/archive", AGENTS_BETA, this::archiveSession));
    r.add(route("DELETE", "/v1/sessions/([^/]+)", AGENTS_BETA, this::deleteSession));
    r.add(route("POST", "/v1/sessions/([^/]+)/events", AGENTS_BETA, this::sendEvents));
    r.add(route("GET", "/v1/sessions/([^/]+)/events", AGENTS_BETA, this::listEvents));
    r.add(route("GET", "/v1/files", FILES_BETA, this::listFiles));
    r.add(route("GET", "/v1/files/([^/]+)", FILES_BETA, this::getFile));
    r.add(route("GET", "/v1/files/([^/]+)/content", FILES_BETA, this::downloadFile));
    r.add(route("DELETE", "/v1/files/([^/]+)", FILES_BETA, this::deleteFile));
    return r;
  }

  private static Route route(String method, String path, String beta, Handler handler) {
    return new Route(method, Pattern.compile(path), beta, handler);
  }

  /** One request being answered. */
  final class Call {
    final HttpExchange exchange;
    final String requestId = "req_sim" + Long.toString(sequence.incrementAndGet(), 36);
    final Map<String, String> query;
    final String apiKey;
    final byte[] raw;

    Call(HttpExchange exchange) throws IOException {
      this.exchange = exchange;
      this.raw = exchange.getRequestBody().readAllBytes();
      this.query = query(exchange.getRequestURI().getRawQuery());
      // The API takes the key as x-api-key; newer official clients send it as a bearer token.
      String key = exchange.getRequestHeaders().getFirst("x-api-key");
      String authorization = exchange.getRequestHeaders().getFirst("authorization");
      if (key == null
          && authorization != null
          && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        key = authorization.substring(7).trim();
      }
      this.apiKey = key;
    }

    JsonNode body() throws IOException {
      if (raw.length == 0) {
        return JSON.createObjectNode();
      }
      try {
        return JSON.readTree(raw);
      } catch (IOException e) {
        throw new ApiError(400, "invalid_request_error", "request body is not valid JSON");
      }
    }

    LostAnswer lost;

    void json(int status, Object body) throws IOException {
      byte[] bytes = JSON.writeValueAsBytes(body);
      if (lost != null && status < 300) {
        if (lost.delay().isZero()) {
          throw new Drop();
        }
        try {
          Thread.sleep(lost.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.getResponseHeaders().set("request-id", requestId);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** An API error answered with the standard envelope. */
  static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String type;
    final Integer retryAfter;

    ApiError(int status, String type, String message) {
      this(status, type, message, null);
    }

    ApiError(int status, String type, String message, Integer retryAfter) {
      super(message, null, false, false);
      this.status = status;
      this.type = type;
      this.retryAfter = retryAfter;
    }
  }

  /**
   * Makes the next {@code times} requests matching {@code method} and {@code pathRegex} be carried
   * out but their answer lost: with {@code delay} zero the connection is closed without a status
   * line, otherwise the answer comes only after {@code delay} (after the client's timeout). How a
   * test proves that a create whose answer was lost is not repeated.
   */
  public void loseAnswers(String method, String pathRegex, int times, java.time.Duration delay) {
    lostAnswers.add(
        new LostAnswer(method, Pattern.compile(pathRegex), new AtomicLong(times), delay));
  }

  private record LostAnswer(
      String method, Pattern path, AtomicLong left, java.time.Duration delay) {}

  private final List<LostAnswer> lostAnswers = new CopyOnWriteArrayList<>();

  private LostAnswer takeLostAnswer(String method, String path) {
    for (LostAnswer l : lostAnswers) {
      if (l.method().equals(method) && l.path().matcher(path).matches()) {
        if (l.left().getAndDecrement() > 0) {
          return l;
        }
        lostAnswers.remove(l);
      }
    }
    return null;
  }

  /** Thrown to close the connection without any answer (the drop-connections scenario). */
  private static final class Drop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Drop() {
      super(null, null, false, false);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    long pause = latencyMillis;
    if (pause > 0) {
      try {
        Thread.sleep(pause); // a virtual thread per request: pausing costs no platform thread
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Call call = new Call(exchange);
    for (Recording r : recordings) {
      r.add(exchange, call.raw);
    }
    try {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Route matched = null;
      Matcher matcher = null;
      boolean pathKnown = false;
      for (Route r : routes) {
        Matcher m = r.path.matcher(path);
        if (m.matches()) {
          pathKnown = true;
          if (r.method.equals(method)) {
            matched = r;
            matcher = m;
            break;
          }
        }
      }
      if (matched == null) {
        throw new ApiError(
            pathKnown ? 405 : 404,
            pathKnown ? "invalid_request_error" : "not_found_error",
            pathKnown ? "method not allowed" : "Not found");
      }
      authenticate(call, matched.beta);
      call.lost = takeLostAnswer(method, path);
      matched.handler.handle(call, matcher);
    } catch (ApiError e) {
      ObjectNode body = JSON.createObjectNode().put("type", "error");
      body.putObject("error").put("type", e.type).put("message", e.getMessage());
      body.put("request_id", call.requestId);
      if (e.retryAfter != null) {
        exchange.getResponseHeaders().set("retry-after", e.retryAfter.toString());
      }
      call.json(e.status, body);
    } catch (Drop e) {
      // Close the socket under the client: no status line, no body.
      exchange.close();
      throw new IOException("simulated connection drop");
    } catch (RuntimeException e) {
      ObjectNode body = JSON.createObjectNode().put("type", "error");
      body.putObject("error").put("type", "api_error").put("message", "Internal server error");
      body.put("request_id", call.requestId);
      call.json(500, body);
    } finally {
      exchange.close();
    }
  }

  private void authenticate(Call call, String beta) {
    String key = call.apiKey;
    if (key == null || key.isBlank()) {
      throw new ApiError(401, "authentication_error", "x-api-key header is required");
    }
    if (!key.startsWith("sk-ant-") || revokedKeys.contains(key)) {
      throw new ApiError(401, "authentication_error", "invalid x-api-key");
    }
    String version = call.exchange.getRequestHeaders().getFirst("anthropic-version");
    if (version == null) {
      throw new ApiError(400, "invalid_request_error", "anthropic-version header is required");
    }
    List<String> betas =
        call.exchange.getRequestHeaders().getOrDefault("anthropic-beta", List.of());
    boolean has =
        betas.stream()
            .flatMap(v -> List.of(v.split(",")).stream())
            .map(String::trim)
            .anyMatch(beta::equals);
    if (!has && beta.equals(AGENTS_BETA)) {
      // The real API answers 404 on managed-agents paths without the beta header. The Files API
      // is not refused without its beta header: anthropic-java 3.x no longer sends it (it sends
      // ?beta=true), and the reference's files-api-2025-04-14 is still accepted when present.
      throw new ApiError(404, "not_found_error", "Not found");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Agents, environments, vaults, credentials
  // ---------------------------------------------------------------------------------------------

  private void createAgent(Call c, Matcher m) throws IOException {
    JsonNode in = c.body();
    String name = text(in, "name");
    if (name == null || name.isEmpty() || name.length() > 256) {
      throw new ApiError(400, "invalid_request_error", "name: required, 1-256 characters");
    }
    if (!in.has("model")) {
      throw new ApiError(400, "invalid_request_error", "model: required");
    }
    metadata(in);
    for (JsonNode server : in.path("mcp_servers")) {
      if (!"url".equals(text(server, "type"))
          || text(server, "name") == null
          || text(server, "url") == null) {
        throw new ApiError(
            400, "invalid_request_error", "mcp_servers: each needs type url, name and url");
      }
    }
    validateTools(in);
    validateSkills(in);
    ObjectNode a = resource("agent", id("agent_"));
    a.put("version", 1);
    a.put("name", name);
    a.set("model", modelConfig(in.get("model")));
    a.put("system", text(in, "system"));
    a.put("description", text(in, "description"));
    a.set("tools", in.has("tools") ? in.get("tools") : JSON.createArrayNode());
    a.set("mcp_servers", in.has("mcp_servers") ? in.get("mcp_servers") : JSON.createArrayNode());
    a.set("skills", in.has("skills") ? in.get("skills") : JSON.createArrayNode());
    a.set("metadata", in.has("metadata") ? in.get("metadata") : JSON.createObjectNode());
    a.set(
        "execution_identity",
        in.has("execution_identity")
            ? in.get("execution_identity")
            : JSON.createObjectNode().put("type", "service_account"));
    a.putNull("multiagent");
    agents.put(a.get("id").asText(), a);
    created(in);
    c.json(200, a);
  }

  /** Tool entries the API knows; an MCP toolset must name a server the agent declares. */
  private static void validateTools(JsonNode in) {
    Set<String> servers = new java.util.HashSet<>();
    in.path("mcp_servers").forEach(s -> servers.add(s.path("name").asText()));
    for (JsonNode tool : in.path("tools")) {
      String type = text(tool, "type");
      boolean ok =
          switch (type == null ? "" : type) {
            case "agent_toolset_20260401" -> true;
            case "mcp_toolset" -> servers.contains(tool.path("mcp_server_name").asText());
            case "custom" -> text(tool, "name") != null && tool.has("input_schema");
            default -> false;
          };
      if (!ok) {
        throw new ApiError(
            400,
            "invalid_request_error",
            "tools: agent_toolset_20260401, mcp_toolset of a declared mcp_servers name, or custom");
      }
    }
  }

  /** Skill references: {@code {type: anthropic|custom, skill_id, version?}}, at most 20. */
  private static void validateSkills(JsonNode in) {
    JsonNode skills = in.path("skills");
    if (skills.size() > 20) {
      throw new ApiError(400, "invalid_request_error", "skills: at most 20");
    }
    for (JsonNode skill : skills) {
      String type = text(skill, "type");
      String id = text(skill, "skill_id");
      if (!("anthropic".equals(type) || "custom".equals(type)) || id == null || id.isEmpty()) {
        throw new ApiError(
            400,
            "invalid_request_error",
            "skills: each needs type anthropic or custom and skill_id");
      }
    }
  }

  private static JsonNode modelConfig(JsonNode model) {
    if (model.isTextual()) {
      return JSON.createObjectNode().put("id", model.asText()).put("speed", "standard");
    }
    return model;
  }

  private void createEnvironment(Call c, Matcher m) throws IOException {
    JsonNode in = c.body();
    String name = text(in, "name");
    if (name == null || name.isEmpty()) {
      throw new ApiError(400, "invalid_request_error", "name: required");
    }
    metadata(in);
    synchronized (environments) {
      boolean taken =
          environments.values().stream()
              .anyMatch(e -> name.equals(e.path("name").asText()) && !e.hasNonNull("archived_at"));
      if (taken) {
        throw new ApiError(
            409, "invalid_request_error", "an environment named '" + name + "' exists");
      }
      ObjectNode e = resource("environment", id("env_"));
      e.put("name", name);
      e.put("description", text(in, "description"));
      e.set("config", environmentConfig(in.get("config")));
      e.set("metadata", in.has("metadata") ? in.get("metadata") : JSON.createObjectNode());
      e.put("scope", "organization");
      environments.put(e.get("id").asText(), e);
      created(in);
      c.json(200, e);
    }
  }

  /** The stored config: cloud by default, with every part the API reports filled in. */
  private static JsonNode environmentConfig(JsonNode requested) {
    ObjectNode config =
        requested != null && requested.isObject()
            ? ((ObjectNode) requested).deepCopy()
            : JSON.createObjectNode().put("type", "cloud");
    if (!"cloud".equals(config.path("type").asText())) {
      return config;
    }
    if (!config.has("networking")) {
      config.putObject("networking").put("type", "unrestricted");
    }
    ObjectNode packages =
        config.get("packages") instanceof ObjectNode p ? p : config.putObject("packages");
    packages.put("type", "packages");
    for (String manager : List.of("apt", "cargo", "gem", "go", "npm", "pip")) {
      if (!packages.has(manager)) {
        packages.putArray(manager);
      }
    }
    return config;
  }

  private void deleteEnvironment(Call c, Matcher m) throws IOException {
    String id = m.group(1);
    find(environments, id);
    boolean inUse =
        sessions.values().stream()
            .anyMatch(s -> id.equals(s.json.path("environment_id").asText()) && s.live());
    if (inUse) {
      throw new ApiError(409, "invalid_request_error", "environment is used by a live session");
    }
    environments.remove(id);
    c.json(200, JSON.createObjectNode().put("id", id).put("type", "environment_deleted"));
  }

  private void createVault(Call c, Matcher m) throws IOException {
    JsonNode in = c.body();
    String name = text(in, "display_name");
    if (name == null || name.isEmpty()) {
      throw new ApiError(400, "invalid_request_error", "display_name: required");
    }
    metadata(in);
    ObjectNode v = resource("vault", id("vlt_"));
    v.put("display_name", name);
    v.set("metadata", in.has("metadata") ? in.get("metadata") : JSON.createObjectNode());
    vaults.put(v.get("id").asText(), v);
    created(in);
    c.json(200, v);
  }

  private void deleteVault(Call c, Matcher m) throws IOException {
    String id = m.group(1);
    find(vaults, id);
    vaults.remove(id);
    credentials.values().removeIf(cr -> id.equals(cr.path("vault_id").asText()));
    c.json(200, JSON.createObjectNode().put("id", id).put("type", "vault_deleted"));
  }

  private void createCredential(Call c, Matcher m) throws IOException {
    String vaultId = m.group(1);
    find(vaults, vaultId);
    JsonNode in = c.body();
    JsonNode auth = in.get("auth");
    String type = auth == null ? null : text(auth, "type");
    if (type == null || text(auth, "mcp_server_url") == null) {
      throw new ApiError(
          400, "invalid_request_error", "auth: type and mcp_server_url are required");
    }
    ObjectNode echoed = JSON.createObjectNode().put("type", type);
    switch (type) {
      case "static_bearer" -> {
        if (text(auth, "token") == null) {
          throw new ApiError(400, "invalid_request_error", "auth.token: required");
        }
      }
      case "mcp_oauth" -> {
        if (text(auth, "access_token") == null) {
          throw new ApiError(400, "invalid_request_error", "auth.access_token: required");
        }
        echoed.put("expires_at", text(auth, "expires_at"));
      }
      default ->
          throw new ApiError(400, "invalid_request_error", "auth.type: static_bearer or mcp_oauth");
    }
    // Secrets are never echoed back.
    echoed.put("mcp_server_url", text(auth, "mcp_server_url"));
    ObjectNode cr = resource("vault_credential", id("vcrd_"));
    cr.put("vault_id", vaultId);
    cr.put("display_name", text(in, "display_name"));
    cr.set("auth", echoed);
    cr.set("metadata", in.has("metadata") ? in.get("metadata") : JSON.createObjectNode());
    credentials.put(cr.get("id").asText(), cr);
    c.json(200, cr);
  }

  private void deleteCredential(Call c, Matcher m) throws IOException {
    ObjectNode cr = find(credentials, m.group(2));
    if (!m.group(1).equals(cr.path("vault_id").asText())) {
      throw new ApiError(404, "not_found_error", "credential not found");
    }
    credentials.remove(m.group(2));
    c.json(
        200, JSON.createObjectNode().put("id", m.group(2)).put("type", "vault_credential_deleted"));
  }

  // ---------------------------------------------------------------------------------------------
  // Sessions and events
  // ---------------------------------------------------------------------------------------------

  /** A session and its script. */
  final class SimSession {
    final String id;
    final ObjectNode json;
    final Map<String, String> metadata;
    final Scenario scenario;
    final List<Scenario.OutputFile> outputs;
    final long sizeLie;
    final long stepMillis;
    final int extraEvents;
    final String apiKey;
    final List<ObjectNode> events = new ArrayList<>();
    final List<Step> script = new ArrayList<>();
    int disturbed;
    long turnStartedAt = -1;
    Instant turnStartedWall;
    boolean filesWritten;

    SimSession(String id, ObjectNode json, Map<String, String> metadata, String apiKey) {
      this.id = id;
      this.json = json;
      this.metadata = metadata;
      this.scenario = Scenario.of(metadata);
      this.outputs = Scenario.files(metadata);
      this.sizeLie = Scenario.sizeLie(metadata);
      this.stepMillis = Scenario.stepMillis(metadata);
      this.extraEvents = Scenario.extraEvents(metadata);
      this.apiKey = apiKey;
    }

    boolean live() {
      return !json.hasNonNull("archived_at");
    }
  }

  /** A scripted event: appended once {@code atMillis} after the turn started. */
  private record Step(long atMillis, Function<SimSession, ObjectNode> event) {}

  private void createSession(Call c, Matcher m) throws IOException {
    JsonNode in = c.body();
    JsonNode agentRef = in.get("agent");
    String agentId =
        agentRef == null ? null : agentRef.isTextual() ? agentRef.asText() : text(agentRef, "id");
    if (agentId == null) {
      throw new ApiError(400, "invalid_request_error", "agent: required");
    }
    ObjectNode agent = usable(agents, "agent", agentId);
    String envId = text(in, "environment_id");
    if (envId == null) {
      throw new ApiError(400, "invalid_request_error", "environment_id: required");
    }
    usable(environments, "environment", envId);
    for (JsonNode v : in.path("vault_ids")) {
      if (!vaults.containsKey(v.asText())) {
        throw new ApiError(404, "not_found_error", "vault " + v.asText() + " not found");
      }
    }
    Map<String, String> metadata = metadata(in);
    String id = id("sesn_");
    ObjectNode s = resource("session", id);
    s.put("title", text(in, "title"));
    s.put("status", "idle");
    s.set("agent", agent.deepCopy());
    s.put("environment_id", envId);
    s.set("resources", JSON.createArrayNode());
    s.set("vault_ids", in.has("vault_ids") ? in.get("vault_ids") : JSON.createArrayNode());
    s.set("metadata", JSON.valueToTree(metadata));
    s.set("outcome_evaluations", JSON.createArrayNode());
    s.putNull("budget");
    s.putNull("deployment_id");
    s.putObject("stats").put("active_seconds", 0.0).put("duration_seconds", 0.0);
    ObjectNode usage = s.putObject("usage");
    usage.put("input_tokens", 0).put("output_tokens", 0).put("cache_read_input_tokens", 0);
    usage
        .putObject("cache_creation")
        .put("ephemeral_5m_input_tokens", 0)
        .put("ephemeral_1h_input_tokens", 0);
    SimSession session;
    try {
      session = new SimSession(id, s, metadata, c.apiKey);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "invalid_request_error", e.getMessage());
    }
    JsonNode initial = in.get("initial_events");
    if (initial != null && !initial.isNull()) {
      if (!initial.isArray() || initial.size() > 50) {
        throw new ApiError(400, "invalid_request_error", "initial_events: at most 50 events");
      }
      for (JsonNode e : initial) {
        if (!"user.message".equals(text(e, "type")) || !e.path("content").isArray()) {
          throw new ApiError(
              400, "invalid_request_error", "initial_events: only user.message with content");
        }
      }
    }
    sessions.put(id, session);
    created(in);
    synchronized (session) {
      if (initial != null && initial.isArray()) {
        for (JsonNode e : initial) {
          ObjectNode stored = ((ObjectNode) e.deepCopy());
          stored.put("id", id("sevt_"));
          stored.put("processed_at", now());
          session.events.add(stored);
          startTurn(session);
        }
      }
      c.json(200, s);
    }
  }

  /**
   * A resource a new session may reference: it exists (else 404) and is not archived (else 400).
   */
  private static ObjectNode usable(Map<String, ObjectNode> map, String kind, String id) {
    ObjectNode o = map.get(id);
    if (o == null) {
      throw new ApiError(404, "not_found_error", kind + " " + id + " not found");
    }
    if (o.hasNonNull("archived_at")) {
      throw new ApiError(400, "invalid_request_error", kind + " is archived");
    }
    return o;
  }

  private SimSession session(Call c, String id) {
    SimSession s = sessions.get(id);
    if (s == null) {
      throw new ApiError(404, "not_found_error", "session " + id + " not found");
    }
    disturb(s);
    return s;
  }

  /** The misbehaving scenarios answer the first calls about their session badly. */
  private void disturb(SimSession s) {
    synchronized (s) {
      if (s.turnStartedAt < 0 || s.disturbed >= Scenario.DISTURBED_CALLS) {
        return;
      }
      switch (s.scenario) {
        case RATE_LIMIT -> {
          s.disturbed++;
          throw new ApiError(429, "rate_limit_error", "Rate limited", 1);
        }
        case SERVER_ERRORS -> {
          s.disturbed++;
          throw s.disturbed % 2 == 1
              ? new ApiError(500, "api_error", "Internal server error")
              : new ApiError(529, "overloaded_error", "Overloaded");
        }
        case DROP_CONNECTIONS -> {
          s.disturbed++;
          throw new Drop();
        }
        default -> {}
      }
    }
  }

  private void getSession(Call c, Matcher m) throws IOException {
    SimSession s = session(c, m.group(1));
    synchronized (s) {
      advance(s);
      c.json(200, s.json);
    }
  }

  private void listSessions(Call c, Matcher m) throws IOException {
    List<ObjectNode> all = new ArrayList<>();
    boolean archived = "true".equals(c.query.get("include_archived"));
    for (SimSession s : sessions.values()) {
      synchronized (s) {
        advance(s);
        if (archived || s.live()) {
          all.add(s.json);
        }
      }
    }
    all.sort((a, b) -> a.get("id").asText().compareTo(b.get("id").asText()));
    if ("desc".equals(c.query.get("order"))) {
      java.util.Collections.reverse(all);
    }
    page(c, all, 20);
  }

  private void archiveSession(Call c, Matcher m) throws IOException {
    SimSession s = session(c, m.group(1));
    synchronized (s) {
      advance(s);
      if (!s.json.hasNonNull("archived_at")) {
        stop(s, "end_turn");
        s.json.put("archived_at", now());
        s.json.put("updated_at", now());
      }
      c.json(200, s.json);
    }
  }

  private void deleteSession(Call c, Matcher m) throws IOException {
    SimSession s = session(c, m.group(1));
    sessions.remove(s.id);
    c.json(200, JSON.createObjectNode().put("id", s.id).put("type", "session_deleted"));
  }

  private void sendEvents(Call c, Matcher m) throws IOException {
    SimSession s = session(c, m.group(1));
    JsonNode in = c.body();
    JsonNode events = in.get("events");
    if (events == null || !events.isArray() || events.isEmpty()) {
      throw new ApiError(400, "invalid_request_error", "events: a non-empty array is required");
    }
    ArrayNode echoed = JSON.createArrayNode();
    synchronized (s) {
      advance(s);
      if (s.json.hasNonNull("archived_at") || "terminated".equals(s.json.path("status").asText())) {
        throw new ApiError(409, "invalid_request_error", "session is archived or terminated");
      }
      for (JsonNode e : events) {
        String type = text(e, "type");
        if (!"user.message".equals(type) && !"user.interrupt".equals(type)) {
          throw new ApiError(400, "invalid_request_error", "events: unsupported type " + type);
        }
        if ("user.message".equals(type) && !e.path("content").isArray()) {
          throw new ApiError(
              400, "invalid_request_error", "user.message: content must be an array");
        }
        ObjectNode stored = ((ObjectNode) e.deepCopy());
        stored.put("id", id("sevt_"));
        stored.put("processed_at", now());
        s.events.add(stored);
        echoed.add(stored);
        if ("user.message".equals(type)) {
          startTurn(s);
        } else {
          stop(s, "end_turn");
        }
      }
    }
    c.json(200, JSON.createObjectNode().set("data", echoed));
  }

  private void startTurn(SimSession s) {
    s.turnStartedAt = System.nanoTime();
    s.turnStartedWall = Instant.now();
    s.script.clear();
    long step = s.stepMillis;
    s.json.put("status", "running");
    s.events.add(event("session.status_running"));
    if (s.scenario == Scenario.REVOKE_KEY && s.apiKey != null) {
      revokedKeys.add(s.apiKey);
    }
    String startId = id("sevt_");
    s.script.add(new Step(step, x -> event("span.model_request_start").put("id", startId)));
    if (s.scenario == Scenario.SLOW) {
      return; // runs until interrupted
    }
    if (s.scenario == Scenario.FAIL) {
      s.script.add(
          new Step(
              2 * step,
              x -> {
                ObjectNode e = event("session.error");
                e.putObject("error")
                    .put("type", "model_request_failed_error")
                    .put("message", "The model request failed (simulated).")
                    .putObject("retry_status")
                    .put("type", "exhausted");
                return e;
              }));
      s.script.add(new Step(3 * step, x -> idle(x, "retries_exhausted")));
      return;
    }
    s.script.add(
        new Step(
            2 * step,
            x -> {
              ObjectNode e = event("agent.message");
              e.putArray("content")
                  .addObject()
                  .put("type", "text")
                  .put("text", "Working on it (simulated).");
              return e;
            }));
    // sim.events: a long session's many messages, spread between the first message and the files.
    for (int i = 0; i < s.extraEvents; i++) {
      long at = 2 * step + (step * i) / Math.max(1, s.extraEvents);
      s.script.add(
          new Step(
              at,
              x -> {
                ObjectNode e = event("agent.message");
                e.putArray("content").addObject().put("type", "text").put("text", "(more)");
                return e;
              }));
    }
    for (Scenario.OutputFile f : s.outputs) {
      s.script.add(
          new Step(
              3 * step,
              x -> {
                ObjectNode e = event("agent.tool_use");
                e.put("name", "write");
                e.putObject("input")
                    .put("file_path", "/mnt/session/outputs/" + f.name())
                    .put("content", "(simulated)");
                e.put("evaluated_permission", "allow");
                return e;
              }));
    }
    s.script.add(
        new Step(
            4 * step,
            x -> {
              ObjectNode e = event("span.model_request_end");
              e.put("model_request_start_id", startId);
              e.put("is_error", false);
              e.putObject("model_usage")
                  .put("input_tokens", 1200)
                  .put("output_tokens", 340)
                  .put("cache_read_input_tokens", 0)
                  .put("cache_creation_input_tokens", 0)
                  .put("speed", "standard");
              return e;
            }));
    s.script.add(new Step(5 * step, x -> idle(x, "end_turn")));
  }

  private ObjectNode idle(SimSession s, String stopReason) {
    s.json.put("status", "idle");
    ObjectNode usage = (ObjectNode) s.json.get("usage");
    if ("end_turn".equals(stopReason)) {
      usage.put("input_tokens", usage.path("input_tokens").asLong() + 1200);
      usage.put("output_tokens", usage.path("output_tokens").asLong() + 340);
      writeFiles(s);
    }
    double seconds = (System.nanoTime() - s.turnStartedAt) / 1e9;
    ((ObjectNode) s.json.get("stats"))
        .put("active_seconds", seconds)
        .put("duration_seconds", seconds);
    s.json.put("updated_at", now());
    ObjectNode e = event("session.status_idle");
    e.putObject("stop_reason").put("type", stopReason);
    return e;
  }

  private void writeFiles(SimSession s) {
    if (s.filesWritten) {
      return;
    }
    s.filesWritten = true;
    for (Scenario.OutputFile f : s.outputs) {
      SimFile file =
          new SimFile(
              id("file_"),
              f.name(),
              f.sizeBytes(),
              Math.max(0, f.sizeBytes() - s.sizeLie),
              s.id,
              now(),
              s.scenario);
      files.put(file.id(), file);
    }
  }

  /** Appends the scripted events whose time has come. */
  private void advance(SimSession s) {
    if (s.turnStartedAt < 0) {
      return;
    }
    long elapsed = (System.nanoTime() - s.turnStartedAt) / 1_000_000;
    Iterator<Step> it = s.script.iterator();
    while (it.hasNext()) {
      Step step = it.next();
      if (step.atMillis() > elapsed) {
        break;
      }
      it.remove();
      // The event happened when the script says, not when someone looked: its time is the
      // scheduled one, as the API's processed_at would be.
      ObjectNode e = step.event().apply(s);
      e.put(
          "processed_at",
          s.turnStartedWall.plusMillis(step.atMillis()).truncatedTo(ChronoUnit.MICROS).toString());
      s.events.add(e);
    }
  }

  /** Ends the turn at once (interrupt, archive): the rest of the script is dropped. */
  private void stop(SimSession s, String stopReason) {
    if (!"running".equals(s.json.path("status").asText())) {
      return;
    }
    s.script.clear();
    s.events.add(idle(s, stopReason));
  }

  private void listEvents(Call c, Matcher m) throws IOException {
    SimSession s = session(c, m.group(1));
    List<ObjectNode> snapshot;
    synchronized (s) {
      advance(s);
      snapshot = new ArrayList<>(s.events);
    }
    if ("desc".equals(c.query.get("order"))) {
      java.util.Collections.reverse(snapshot);
    }
    page(c, snapshot, 1000);
  }

  private static ObjectNode event(String type) {
    ObjectNode e = JSON.createObjectNode();
    e.put("id", id("sevt_"));
    e.put("type", type);
    e.put("processed_at", now());
    return e;
  }

  // ---------------------------------------------------------------------------------------------
  // Files
  // ---------------------------------------------------------------------------------------------

  /** A session-scoped output file. */
  record SimFile(
      String id,
      String filename,
      long sizeBytes,
      long announcedBytes,
      String sessionId,
      String createdAt,
      Scenario scenario) {
    ObjectNode json() {
      ObjectNode f = JSON.createObjectNode();
      f.put("type", "file");
      f.put("id", id);
      f.put("filename", filename);
      f.put("mime_type", SimFiles.mimeType(filename));
      f.put("size_bytes", announcedBytes);
      f.put("created_at", createdAt);
      f.put("downloadable", true);
      f.putObject("scope").put("type", "session").put("id", sessionId);
      return f;
    }
  }

  private void listFiles(Call c, Matcher m) throws IOException {
    String scope = c.query.get("scope_id");
    int limit = limit(c, 20, 1000);
    List<SimFile> all =
        files.values().stream()
            .filter(f -> scope == null || scope.equals(f.sessionId()))
            .sorted((a, b) -> a.id().compareTo(b.id()))
            .toList();
    if (scope != null) {
      SimSession s = sessions.get(scope);
      if (s != null) {
        disturb(s);
        if (s.scenario == Scenario.MALFORMED_LISTING) {
          byte[] bytes = "{\"data\":[{\"type\":\"file\",\"id\":".getBytes(StandardCharsets.UTF_8);
          c.exchange.getResponseHeaders().set("content-type", "application/json");
          c.exchange.sendResponseHeaders(200, bytes.length);
          c.exchange.getResponseBody().write(bytes);
          return;
        }
      }
    }
    // Two generations of the Files API listing: after_id/has_more (documented) and the page cursor
    // of newer clients (next_page). Both are served; a page cursor is the id to continue after.
    String page = c.query.get("page");
    String after = page != null ? decodeCursor(page) : c.query.get("after_id");
    List<SimFile> from =
        after == null ? all : all.stream().filter(f -> f.id().compareTo(after) > 0).toList();
    List<SimFile> shown = from.subList(0, Math.min(limit, from.size()));
    ObjectNode body = JSON.createObjectNode();
    ArrayNode data = body.putArray("data");
    shown.forEach(f -> data.add(f.json()));
    body.put("has_more", from.size() > shown.size());
    body.put("first_id", shown.isEmpty() ? null : shown.get(0).id());
    body.put("last_id", shown.isEmpty() ? null : shown.get(shown.size() - 1).id());
    body.put(
        "next_page",
        from.size() > shown.size() ? encodeCursor(shown.get(shown.size() - 1).id()) : null);
    c.json(200, body);
  }

  private SimFile file(String id) {
    SimFile f = files.get(id);
    if (f == null) {
      throw new ApiError(404, "not_found_error", "file " + id + " not found");
    }
    return f;
  }

  private void getFile(Call c, Matcher m) throws IOException {
    c.json(200, file(m.group(1)).json());
  }

  private void downloadFile(Call c, Matcher m) throws IOException {
    SimFile f = file(m.group(1));
    HttpExchange ex = c.exchange;
    ex.getResponseHeaders().set("content-type", SimFiles.mimeType(f.filename()));
    ex.getResponseHeaders().set("request-id", c.requestId);
    ex.sendResponseHeaders(200, f.sizeBytes() == 0 ? -1 : f.sizeBytes());
    try (OutputStream out = ex.getResponseBody()) {
      SimFiles.write(f.filename(), f.sizeBytes(), out);
    }
  }

  private void deleteFile(Call c, Matcher m) throws IOException {
    SimFile f = file(m.group(1));
    files.remove(f.id());
    c.json(200, JSON.createObjectNode().put("id", f.id()).put("type", "file_deleted"));
  }

  // ---------------------------------------------------------------------------------------------
  // Shared helpers
  // ---------------------------------------------------------------------------------------------

  private void get(Call c, Map<String, ObjectNode> map, String id) throws IOException {
    c.json(200, find(map, id));
  }

  private static ObjectNode find(Map<String, ObjectNode> map, String id) {
    ObjectNode o = map.get(id);
    if (o == null) {
      throw new ApiError(404, "not_found_error", id + " not found");
    }
    return o;
  }

  private void archive(Call c, Map<String, ObjectNode> map, String id) throws IOException {
    ObjectNode o = find(map, id);
    synchronized (o) {
      if (!o.hasNonNull("archived_at")) {
        o.put("archived_at", now());
        o.put("updated_at", now());
      }
    }
    c.json(200, o);
  }

  private void list(
      Call c, Map<String, ObjectNode> map, java.util.function.Predicate<ObjectNode> filter)
      throws IOException {
    boolean archived = "true".equals(c.query.get("include_archived"));
    List<ObjectNode> all =
        map.values().stream()
            .filter(o -> archived || !o.hasNonNull("archived_at"))
            .filter(o -> filter == null || filter.test(o))
            .sorted((a, b) -> a.get("id").asText().compareTo(b.get("id").asText()))
            .toList();
    page(c, all, 20);
  }

  /** Managed-agents pagination: {@code limit} and an opaque {@code page} cursor. */
  private void page(Call c, List<ObjectNode> all, int defaultLimit) throws IOException {
    int limit = limit(c, defaultLimit, 1000);
    int offset = 0;
    String cursor = c.query.get("page");
    if (cursor != null) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (!decoded.startsWith("o:")) {
          throw new IllegalArgumentException();
        }
        offset = Integer.parseInt(decoded.substring(2));
      } catch (IllegalArgumentException e) {
        throw new ApiError(400, "invalid_request_error", "page: invalid cursor");
      }
    }
    int end = Math.min(all.size(), offset + limit);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode data = body.putArray("data");
    for (int i = Math.min(offset, all.size()); i < end; i++) {
      data.add(all.get(i));
    }
    body.put(
        "next_page",
        end < all.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("o:" + end).getBytes(StandardCharsets.UTF_8))
            : null);
    c.json(200, body);
  }

  private static String encodeCursor(String id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("a:" + id).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!decoded.startsWith("a:")) {
        throw new IllegalArgumentException();
      }
      return decoded.substring(2);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "invalid_request_error", "page: invalid cursor");
    }
  }

  private static int limit(Call c, int defaultLimit, int max) {
    String raw = c.query.get("limit");
    if (raw == null) {
      return defaultLimit;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit < 1 || limit > max) {
        throw new NumberFormatException();
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new ApiError(400, "invalid_request_error", "limit: 1-" + max);
    }
  }

  private static Map<String, String> metadata(JsonNode in) {
    JsonNode md = in.get("metadata");
    Map<String, String> out = new LinkedHashMap<>();
    if (md == null || md.isNull()) {
      return out;
    }
    if (!md.isObject() || md.size() > 16) {
      throw new ApiError(
          400, "invalid_request_error", "metadata: an object of at most 16 string pairs");
    }
    for (Map.Entry<String, JsonNode> e : md.properties()) {
      if (!e.getValue().isTextual()
          || e.getKey().length() > 64
          || e.getValue().asText().length() > 512) {
        throw new ApiError(
            400,
            "invalid_request_error",
            "metadata: keys up to 64 and string values up to 512 characters");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static ObjectNode resource(String type, String id) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", type);
    o.put("id", id);
    String now = now();
    o.put("created_at", now);
    o.put("updated_at", now);
    o.putNull("archived_at");
    return o;
  }

  private static String id(String prefix) {
    byte[] raw = new byte[12];
    RANDOM.nextBytes(raw);
    // Time-ordered prefix so that ids sort by creation (pagination is by id): a logical clock that
    // never repeats, so two ids made in the same millisecond still sort in creation order.
    long tick = CLOCK.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    return prefix
        + String.format(Locale.ROOT, "%012x", tick)
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(raw)
            .replace('-', 'x')
            .replace('_', 'y');
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }
}
