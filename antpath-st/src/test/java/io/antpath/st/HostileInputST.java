package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs a hostile or careless client sends answer a 4xx problem document (never a 5xx, never the
 * server's HTML page), and a secret that could never be used is refused at submission and leaves no
 * trace in the response, the tables or the server log.
 */
@ExtendWith(DemoStack.class)
class HostileInputST {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final DemoStack stack = DemoStack.get();

  private HttpResponse<String> send(String method, String path, String type, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(stack.server.baseUri().resolve(URI.create(path)))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + stack.demoToken);
    if (type != null) {
      b.header("Content-Type", type);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.body())
        .doesNotContain("Exception", "java.", "jakarta.", "org.", "Payara", "GlassFish");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk-ant-api03-CANARY-%s\\u0007bell",
        "sk-ant-api03-CANARY-%s\\u2019s-key",
        "sk-ant-api03-CANARY-%s inner space",
        "sk-ant-api03-CANARY-%s\\r\\nX-Injected: yes",
        "sk-ant-api03-CANARY-%s\\u00e9",
        "CANARY-%s-not-an-anthropic-key"
      })
  void malformedKeys_areRefusedAtSubmission_andAppearNowhere(String template) throws Exception {
    String marker = UUID.randomUUID().toString();
    String key = template.formatted(marker);
    long before = count("runs");
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/runs",
            "application/json",
            "{\"agent\":{\"model\":\"claude-sonnet-4-5\"},\"input\":\"x\","
                + "\"secrets\":{\"anthropicApiKey\":\""
                + key
                + "\"}}");
    assertProblem(r, 400);
    assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("invalid_secret");
    assertThat(r.body()).doesNotContain(marker);
    assertThat(count("runs")).isEqualTo(before);
    assertNowhere(marker);
  }

  @Test
  void malformedMcpTokens_areRefusedAtSubmission_andAppearNowhere() throws Exception {
    String marker = UUID.randomUUID().toString();
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/runs",
            "application/json",
            "{\"agent\":{\"model\":\"m\",\"mcpServers\":[{\"name\":\"gh\",\"url\":\"https://mcp.example\"}]},"
                + "\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"sk-ant-ok\",\"mcpCredentials\":"
                + "{\"gh\":{\"type\":\"bearer\",\"token\":\"ghp_CANARY"
                + marker
                + "\\u2019\"}}}}");
    assertProblem(r, 400);
    assertThat(r.body()).contains("secrets.mcpCredentials.gh.token").doesNotContain(marker);
    assertNowhere(marker);
  }

  private void assertNowhere(String marker) throws Exception {
    try (Connection c = stack.db.connect();
        Statement st = c.createStatement();
        ResultSet tables =
            st.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
      List<String> names = new ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString(1));
      }
      for (String table : names) {
        assertThat(String.join("\n", stack.rowsAsJson(table))).as(table).doesNotContain(marker);
      }
    }
    assertThat(stack.server.log()).doesNotContain(marker);
  }

  private long count(String table) throws Exception {
    try (Connection c = stack.db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "POST|/api/v1/runs|application/json|[1,2,3]|400",
        "POST|/api/v1/runs|application/json|\"text\"|400",
        "POST|/api/v1/runs|application/json|null|400",
        "POST|/api/v1/runs|application/json|{\"agent\":{\"model\":\"m\"},\"input\":\"a\\u0000b\",\"secrets\":{\"anthropicApiKey\":\"sk-ant-k\"}}|400",
        "POST|/api/v1/runs|application/json|{\"agent\":{\"model\":\"m\"},\"input\":\"a\\ud800b\",\"secrets\":{\"anthropicApiKey\":\"sk-ant-k\"}}|400",
        "POST|/api/v1/runs|application/json|{\"agent\":{\"model\":\"m\",\"tools\":\"bash\"},\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"sk-ant-k\"}}|400",
        "POST|/api/v1/runs|application/json|{\"agent\":{\"model\":\"m\",\"tools\":[42]},\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"sk-ant-k\"}}|400",
        "POST|/api/v1/runs|application/json|{\"agent\":{\"model\":\"m\",\"mcpServers\":{}},\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"sk-ant-k\"}}|400",
        "POST|/api/v1/runs|application/json|{\"agent\":{\"model\":\"m\",\"skills\":\"pdf\"},\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"sk-ant-k\"}}|400",
        "POST|/api/v1/runs|application/json|{\"agent\":{\"model\":\"m\"},\"input\":\"x\",\"metadata\":{\"k\":\"v\\u0000\"},\"secrets\":{\"anthropicApiKey\":\"sk-ant-k\"}}|400",
        "POST|/api/v1/runs|application/json|{not json|400",
        "POST|/api/v1/runs|text/plain|hello|415",
        "PUT|/api/v1/runs|application/json|{}|405",
        "GET|/api/v1/runs?limit=abc|||400",
        "GET|/api/v1/runs?limit=0|||400",
        "GET|/api/v1/runs?createdFrom=%2B1000000000-01-01T00:00:00Z|||400",
        "GET|/api/v1/runs?createdBefore=-999999999-01-01T00:00:00Z|||400",
        "GET|/api/v1/runs?metadata=k:v%00|||400",
        "GET|/api/v1/runs?status=%ED%A0%80|||400",
        "GET|/api/v1/runs?cursor=%00|||400",
        "GET|/api/v1/runs/00000000-0000-0000-0000-000000000000/events?after=abc|||400",
        "GET|/api/v1/runs/00000000-0000-0000-0000-000000000000/events?limit=9999999999|||400",
        "POST|/api/v1/tokens|application/json|[]|400",
        "POST|/api/v1/tokens|application/json|{\"name\":\"a\\u0000\",\"scopes\":[\"runs:read\"]}|400",
        "POST|/api/v1/tokens|application/json|{\"name\":\"a\",\"scopes\":[null]}|400",
        "POST|/api/v1/tokens|application/json|{\"name\":\"a\",\"scopes\":[\"runs:read\"],\"expiresAt\":\"+1000000000-01-01T00:00:00Z\"}|400",
        "GET|/api/v1/downloads/x/y?expires=abc|||400",
        "GET|/api/v1/application.wadl|||404",
        "GET|/api/v1/no-such-thing|||404",
        "GET|/api/no-such-thing|||404",
        "DELETE|/api/v1/workspace|||405"
      })
  void hostileInputs_answerProblemDocuments(
      String method, String path, String type, String body, int status) throws Exception {
    assertProblem(send(method, path, type, body), status);
  }

  private static final HttpClient HTTP_1_1 =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /**
   * A request for {@code path} exactly as written (no resolution, so dot segments stay), over
   * HTTP/1.1, or over HTTP/2 when the client upgrades (h2c, {@link #HTTP}'s default).
   */
  private HttpResponse<String> sendRaw(String method, String path) throws Exception {
    return sendRaw(HTTP_1_1, method, path);
  }

  private HttpResponse<String> sendRaw(HttpClient client, String method, String path)
      throws Exception {
    String base = stack.server.baseUri().toString().replaceAll("/$", "");
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + stack.demoToken)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Dot segments ({@code ..}, {@code %2e%2e}) in API paths reach the application, which answers a
   * problem document: Jersey matches the path as sent, so {@code ..} is an id like any other.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET|/api/v1/runs/%2e%2e|404",
        "GET|/api/v1/runs/.%2E|404",
        "GET|/api/v1/runs/../events|404",
        "GET|/api/v1/runs/%2E%2E/outputs|404",
        "GET|/api/v1/runs/../events?limit=1|404",
        "DELETE|/api/v1/runs/%2e%2e|404",
        "POST|/api/v1/runs/../cancel|404",
        "POST|/api/v1/runs/%2e%2e|405"
      })
  void dotSegmentsInApiPaths_answerProblemDocuments(String method, String path, int status)
      throws Exception {
    assertProblem(sendRaw(method, path), status);
  }

  /**
   * A path that ends in a literal {@code /..} usually reaches the application too (a problem
   * document), but for some request lines Grizzly's URI normaliser writes one byte past its buffer
   * (ArrayIndexOutOfBoundsException in HttpRequestURIDecoder.normalizeBytes, logged by Payara's
   * CoyoteAdapter) before any application is chosen, and the connection answers an empty 200.
   * Either way: no 5xx, no server page, nothing leaked (docs/api.md).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/..",
        "/api/v1/runs/..",
        "/api/v1/runs/../..",
        "/api/v1/tokens/..",
        "/api/v1/downloads/../..",
        "/api/v1/runs/x/events/..",
        "/api/v1/runs/abc/outputs/.."
      })
  void aTrailingDotDotSegment_answersAProblem_orTheConnectorsEmpty200(String path)
      throws Exception {
    for (String method : List.of("GET", "POST", "DELETE")) {
      HttpResponse<String> r = sendRaw(method, path);
      if (r.statusCode() == 200 && r.body().isEmpty()) {
        assertThat(r.headers().firstValue("X-Request-Id")).as("no application code ran").isEmpty();
      } else {
        assertThat(r.statusCode()).as(method + " " + path).isIn(404, 405);
        assertProblem(r, r.statusCode());
      }
    }
  }

  /**
   * Paths the HTTP connector cannot decode (an encoded NUL, an invalid or overlong UTF-8 sequence,
   * an encoded surrogate) are refused over HTTP/1.1 by Payara while it parses the request line,
   * before it has chosen an application: 400 with no body and the connection closed, and no
   * application code runs (so no X-Request-Id). docs/api.md explains why that cannot be a problem
   * document; this pins it, so a server upgrade that changes it is noticed.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/runs/%00",
        "/api/v1/runs/a%00b/events",
        "/api/v1/runs/%C0%AF",
        "/api/v1/runs/%ED%A0%80",
        "/api/v1/runs/%FF",
        "/api/v1/runs/%E2%82"
      })
  void pathsTheConnectorCannotDecode_answerAnEmpty400_beforeTheApplication(String path)
      throws Exception {
    HttpResponse<String> r = sendRaw("GET", path);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("X-Request-Id")).as("no application code ran").isEmpty();
    assertThat(r.headers().firstValue("Server")).isEmpty();
  }

  /**
   * Over HTTP/2 (a client's h2c upgrade) the connector decodes the path another way: an encoded NUL
   * is still refused before the application, but invalid UTF-8 reaches it and is no run.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/v1/runs/%00|400",
        "/api/v1/runs/%C0%AF|404",
        "/api/v1/runs/%ED%A0%80|404",
        "/api/v1/runs/%FF|404"
      })
  void overHttp2_invalidUtf8InThePath_reachesTheApplication(String path, int status)
      throws Exception {
    HttpResponse<String> r = sendRaw(HTTP, "GET", path);
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    if (status == 400) {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).isEmpty();
    } else {
      assertProblem(r, status);
    }
  }

  @Test
  void aBodyNestedTenThousandDeep_orOverTheSizeLimit_isRefusedWhileReading() throws Exception {
    String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    assertProblem(send("POST", "/api/v1/runs", "application/json", deep), 400);
    assertThat(statusLineAfterSending(9 * 1024 * 1024)).contains(" 413 ");
  }

  /**
   * Sends a body of {@code size} bytes on a raw socket from another thread and returns the status
   * line, which the server answers as soon as the limit is passed, before the body ends (a client
   * that reads only after sending would wait for a server that stopped reading).
   */
  private String statusLineAfterSending(int size) throws Exception {
    URI base = stack.server.baseUri();
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      var out = socket.getOutputStream();
                      out.write(
                          ("POST /api/v1/runs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  + "Authorization: Bearer "
                                  + stack.demoToken
                                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                                  + size
                                  + "\r\n\r\n{\"input\":\"")
                              .getBytes(StandardCharsets.US_ASCII));
                      byte[] chunk = new byte[64 * 1024];
                      java.util.Arrays.fill(chunk, (byte) 'a');
                      for (int sent = 0; sent < size; sent += chunk.length) {
                        out.write(chunk);
                      }
                    } catch (java.io.IOException closedByTheServer) {
                      // expected once the server has answered
                    }
                  });
      String status =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      writer.interrupt();
      return status;
    }
  }

  @Test
  void acceptingOnlyProblemDocuments_orHtml_isNotAcceptable_asAProblem() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(stack.server.baseUri().resolve("/api/v1/workspace"))
                .header("Authorization", "Bearer " + stack.demoToken)
                .header("Accept", "text/html")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(r, 406);
  }

  @Test
  void twentyConcurrentCancels_ofOneRun_allSucceed_andTheRunIsCanceledOnce() throws Exception {
    HttpResponse<String> created =
        send("POST", "/api/v1/runs", "application/json", RunsST.body("race", "sk-ant-race"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).get("id").asText();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(() -> send("POST", "/api/v1/runs/" + id + "/cancel", null, null));
      }
      for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
        HttpResponse<String> r = f.get();
        assertThat(r.statusCode()).as(r.body()).isIn(200, 409, 429);
        if (r.statusCode() == 200) {
          JsonNode run = JSON.readTree(r.body());
          assertThat(run.get("status").asText()).isEqualTo("canceled");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(
            JSON.readTree(send("GET", "/api/v1/runs/" + id, null, null).body())
                .get("status")
                .asText())
        .isEqualTo("canceled");
  }

  @Test
  void responsesWithASecretOrASignedLink_areNotStored() throws Exception {
    HttpResponse<String> token =
        send(
            "POST",
            "/api/v1/tokens",
            "application/json",
            "{\"name\":\"no-store\",\"scopes\":[\"runs:read\"]}");
    assertThat(token.statusCode()).isEqualTo(201);
    assertThat(token.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(token.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    HttpResponse<String> read = send("GET", "/api/v1/workspace", null, null);
    assertThat(read.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(read.headers().firstValue("Cache-Control")).hasValue("no-store");
  }
}
