package io.antpath.st;

import io.antpath.sim.ClaudeSimulator;
import io.antpath.testkit.AntpathServer;
import io.antpath.testkit.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One dev-mode server with the demo workspaces seeded (as bin/dev does), shared by the system tests
 * that need it and stopped when the test run ends. Its worker is off, so tests can set a run's
 * state as they need; {@link WithWorker} is a second stack whose worker drives runs against the
 * Claude API simulator, as in bin/dev.
 */
public final class DemoStack implements BeforeAllCallback, AutoCloseable {
  private static DemoStack instance;
  private static DemoStack withWorker;
  private static DemoStack withS3;
  final TestDatabase db;
  final AntpathServer server;
  final String demoToken = token();
  final String otherToken = token();
  final no.nav.security.mock.oauth2.MockOAuth2Server oidc;
  final ClaudeSimulator sim;
  final com.adobe.testing.s3mock.S3MockApplication s3;
  private final HttpClient http = HttpClient.newHttpClient();

  public DemoStack() {
    this.db = null;
    this.server = null;
    this.oidc = null;
    this.sim = null;
    this.s3 = null;
  }

  private DemoStack(boolean worker) throws IOException {
    this(worker, false);
  }

  private DemoStack(boolean worker, boolean s3Storage) throws IOException {
    db = TestDatabase.create(s3Storage ? "st-s3" : worker ? "st-worker" : "st-demo");
    Map<String, String> env = new LinkedHashMap<>(AntpathServer.devSettings(db));
    env.put("ANTPATH_DEV_DEMO_PASSWORD", "demo-password-1");
    env.put("ANTPATH_DEV_DEMO_TOKEN", demoToken);
    env.put("ANTPATH_DEV_DEMO_OTHER_PASSWORD", "other-password-1");
    env.put("ANTPATH_DEV_DEMO_OTHER_TOKEN", otherToken);
    env.put("ANTPATH_RATELIMIT_TOKEN_MUTATIONS_PER_MINUTE", "40");
    env.put("ANTPATH_IDENTITY_SIGNUP_ENABLED", "true");
    oidc = new no.nav.security.mock.oauth2.MockOAuth2Server();
    oidc.start(java.net.InetAddress.getLoopbackAddress(), AntpathServer.freePort());
    env.put("ANTPATH_OIDC_ISSUER", oidc.issuerUrl("default").toString());
    env.put("ANTPATH_OIDC_CLIENT_ID", "antpath-client");
    env.put("ANTPATH_OIDC_CLIENT_SECRET", "test-client-secret");
    if (worker) {
      sim = ClaudeSimulator.start(0);
      env.put("ANTPATH_WORKER_ENABLED", "true");
      env.put("ANTPATH_WORKER_POLL_MILLIS", "200");
      // Fewer step threads than runs that may be live at once (two workspaces x 8): a run waiting
      // for its session must not hold one (EngineST).
      env.put("ANTPATH_WORKER_CONCURRENCY", "4");
      env.put("ANTPATH_WORKER_PURGE_SECONDS", "1");
      env.put("ANTPATH_PROVIDER_BASE_URL", sim.baseUri().toString());
      env.put("ANTPATH_TIER_MAX_CONCURRENT_RUNS", "8");
      env.put("ANTPATH_TIER_MAX_QUEUED_RUNS", "100");
      env.put("ANTPATH_TIER_SUBMISSIONS_PER_MINUTE", "200");
    } else {
      sim = null;
    }
    if (s3Storage) {
      s3 =
          com.adobe.testing.s3mock.S3MockApplication.start(
              new java.util.HashMap<>(
                  Map.of(
                      com.adobe.testing.s3mock.S3MockApplication.PROP_HTTP_PORT,
                      0,
                      com.adobe.testing.s3mock.S3MockApplication.PROP_HTTPS_PORT,
                      0,
                      com.adobe.testing.s3mock.S3MockApplication.PROP_INITIAL_BUCKETS,
                      "outputs",
                      com.adobe.testing.s3mock.S3MockApplication.PROP_SILENT,
                      true,
                      "spring.main.banner-mode",
                      "off")));
      env.put("ANTPATH_STORAGE_KIND", "s3");
      env.put("ANTPATH_STORAGE_S3_BUCKET", "outputs");
      env.put("ANTPATH_STORAGE_S3_ENDPOINT", "http://127.0.0.1:" + s3.getHttpPort());
      env.put("ANTPATH_STORAGE_S3_PATH_STYLE", "true");
      env.put("ANTPATH_STORAGE_S3_ACCESS_KEY_ID", "st-access-key");
      env.put("ANTPATH_STORAGE_S3_SECRET_ACCESS_KEY", "st-secret-key");
    } else {
      s3 = null;
    }
    server = AntpathServer.startReady(env);
  }

  public static synchronized DemoStack get() {
    if (instance == null) {
      throw new IllegalStateException("register @ExtendWith(DemoStack.class)");
    }
    return instance;
  }

  /** The stack whose worker drives runs against the simulator. */
  public static synchronized DemoStack withWorker() {
    if (withWorker == null) {
      throw new IllegalStateException("register @ExtendWith(DemoStack.WithWorker.class)");
    }
    return withWorker;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (DemoStack.class) {
      if (instance == null) {
        instance = new DemoStack(false);
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .put(DemoStack.class, instance);
      }
    }
  }

  /** The stack whose worker captures outputs into S3 (an in-process S3Mock). */
  public static synchronized DemoStack withS3() {
    if (withS3 == null) {
      throw new IllegalStateException("register @ExtendWith(DemoStack.WithS3.class)");
    }
    return withS3;
  }

  /** Starts (once per test run) a worker stack whose output storage is S3. */
  public static final class WithS3 implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
      synchronized (DemoStack.class) {
        if (withS3 == null) {
          withS3 = new DemoStack(true, true);
          context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(WithS3.class, withS3);
        }
      }
    }
  }

  /** Starts (once per test run) the demo stack with its worker on and the simulator beside it. */
  public static final class WithWorker implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
      synchronized (DemoStack.class) {
        if (withWorker == null) {
          withWorker = new DemoStack(true);
          context
              .getRoot()
              .getStore(ExtensionContext.Namespace.GLOBAL)
              .put(WithWorker.class, withWorker);
        }
      }
    }
  }

  @Override
  public void close() {
    oidc.shutdown();
    server.close();
    if (sim != null) {
      sim.close();
    }
    if (s3 != null) {
      s3.stop();
    }
    db.close();
  }

  private static String token() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return "apt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  HttpResponse<String> call(String method, String path, String bearer, String jsonBody)
      throws IOException, InterruptedException {
    return callWith(method, path, bearer, jsonBody, null);
  }

  /** As {@link #call} with one extra header (name, value). */
  HttpResponse<String> callWith(
      String method, String path, String bearer, String jsonBody, String[] header)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve(URI.create(path)))
            .timeout(Duration.ofSeconds(20));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (jsonBody != null) {
      b.header("Content-Type", "application/json");
    }
    if (header != null) {
      b.header(header[0], header[1]);
    }
    b.method(
        method,
        jsonBody == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * An SDK client of the demo workspace (its all-scopes token) whose runs carry {@code
   * anthropicKey}, polling every 200 ms.
   */
  io.antpath.sdk.AntpathClient client(String anthropicKey) {
    return io.antpath.sdk.AntpathClient.builder()
        .baseUrl(server.baseUri().toString())
        .apiToken(demoToken)
        .defaultSecrets(io.antpath.sdk.run.RunSecrets.of(anthropicKey))
        .pollInterval(Duration.ofMillis(200))
        .build();
  }

  /** Creates a token of the demo workspace through the API and returns its secret. */
  String createToken(String body) {
    try {
      HttpResponse<String> r = call("POST", "/api/v1/tokens", demoToken, body);
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(r.body())
          .get("token")
          .asText();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every row of a table as JSON text, for "the secret appears nowhere" checks. */
  List<String> rowsAsJson(String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select row_to_json(t)::text from " + table + " t")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
