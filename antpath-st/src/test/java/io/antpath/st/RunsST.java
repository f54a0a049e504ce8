package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Submitting runs over REST: idempotency, validation, secrets sealed, reading and paging. */
@ExtendWith(DemoStack.class)
class RunsST {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DemoStack stack = DemoStack.get();

  static String body(String tag, String apiKey) {
    return """
        {"agent":{"model":"claude-sonnet-4-5","system":"Be brief."},"input":"Write hello.txt",
         "timeoutSeconds":600,"metadata":{"tag":"%s"},"secrets":{"anthropicApiKey":"%s"}}"""
        .formatted(tag, apiKey);
  }

  private HttpResponse<String> submit(String key, String body) throws Exception {
    return stack.callWith(
        "POST",
        "/api/v1/runs",
        stack.demoToken,
        body,
        key == null ? null : new String[] {"Idempotency-Key", key});
  }

  @Test
  void submit_thenReplay_thenConflict() throws Exception {
    String key = "key-" + UUID.randomUUID();
    HttpResponse<String> created = submit(key, body("replay", "sk-ant-first"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode run = JSON.readTree(created.body());
    assertThat(run.get("status").asText()).isEqualTo("queued");
    assertThat(run.get("cleanupStatus").asText()).isEqualTo("pending");
    assertThat(run.get("request").has("secrets")).isFalse();
    assertThat(run.get("caps").get("maxTimeoutSeconds").asInt()).isPositive();
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith(run.get("id").asText()));

    HttpResponse<String> replay = submit(key, body("replay", "sk-ant-second-ignored"));
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(JSON.readTree(replay.body()).get("id").asText()).isEqualTo(run.get("id").asText());

    HttpResponse<String> conflict = submit(key, body("different", "sk-ant-first"));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains("\"code\":\"idempotency_conflict\"");
  }

  @Test
  void fiftyConcurrentIdenticalSubmissions_createExactlyOneRun() throws Exception {
    String key = "concurrent-" + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        calls.add(() -> submit(key, body("concurrent", "sk-ant-concurrent")));
      }
      Set<String> ids = new HashSet<>();
      int created = 0;
      for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
        HttpResponse<String> r = f.get();
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        created += r.statusCode() == 201 ? 1 : 0;
        ids.add(JSON.readTree(r.body()).get("id").asText());
      }
      assertThat(ids).hasSize(1);
      assertThat(created).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = stack.db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("select count(*) from runs where idempotency_key = '" + key + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"agent\":{\"model\":\"m\"},\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"k\"},\"captureOutputs\":false}",
        "{\"agent\":{\"model\":\"m\"},\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"k\"},\"outputGlobs\":[\"*.txt\"]}",
        "{\"agent\":{\"model\":\"m\"},\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"k\"},\"maxFileBytes\":10}",
        "{\"agent\":{\"model\":\"m\",\"temperature\":1},\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"k\"}}",
        "{\"agent\":{\"model\":\"m\"},\"input\":\"x\"}",
        "{\"agent\":{\"model\":\"m\"},\"secrets\":{\"anthropicApiKey\":\"k\"}}",
        "{\"agent\":{\"model\":\"m\"},\"input\":\"x\",\"timeoutSeconds\":999999,\"secrets\":{\"anthropicApiKey\":\"k\"}}",
        "{\"agent\":{\"model\":\"m\"},\"input\":\"x\",\"cleanup\":{\"claudeSession\":\"keep\"},\"secrets\":{\"anthropicApiKey\":\"k\"}}",
        "not json"
      })
  void invalidSubmissions_areRefusedWith400_andWriteNothing(String body) throws Exception {
    long before = runCount();
    HttpResponse<String> r = submit(null, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("\"code\":\"invalid_request\"");
    assertThat(runCount()).isEqualTo(before);
  }

  @Test
  void secretCanary_existsOnlyAsVaultCiphertext() throws Exception {
    String canary = "sk-ant-CANARY-" + UUID.randomUUID();
    HttpResponse<String> r = submit("canary-" + UUID.randomUUID(), body("canary", canary));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).doesNotContain(canary);
    HttpResponse<String> read =
        stack.call(
            "GET",
            "/api/v1/runs/" + JSON.readTree(r.body()).get("id").asText(),
            stack.demoToken,
            null);
    assertThat(read.body()).doesNotContain(canary);
    try (Connection c = stack.db.connect();
        Statement st = c.createStatement();
        ResultSet tables =
            st.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
      List<String> names = new ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString(1));
      }
      for (String table : names) {
        assertThat(String.join("\n", stack.rowsAsJson(table))).as(table).doesNotContain(canary);
      }
    }
    assertThat(stack.rowsAsJson("vault_entries")).isNotEmpty();
    assertThat(stack.server.log()).doesNotContain(canary);
  }

  @Test
  void list_pagesNewestFirstWithoutOverlap_andReadsAreTenantScoped() throws Exception {
    String tag = "page-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> submitted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      submitted.add(JSON.readTree(submit(null, body(tag, "sk-ant-x")).body()).get("id").asText());
    }
    JsonNode first =
        JSON.readTree(stack.call("GET", "/api/v1/runs?limit=2", stack.demoToken, null).body());
    assertThat(first.get("items")).hasSize(2);
    assertThat(first.get("items").get(0).get("id").asText()).isEqualTo(submitted.get(2));
    String cursor = first.get("nextCursor").asText();
    JsonNode second =
        JSON.readTree(
            stack
                .call("GET", "/api/v1/runs?limit=2&cursor=" + cursor, stack.demoToken, null)
                .body());
    assertThat(second.get("items").get(0).get("id").asText()).isEqualTo(submitted.get(0));

    assertThat(
            stack
                .call("GET", "/api/v1/runs/" + submitted.get(0), stack.otherToken, null)
                .statusCode())
        .isEqualTo(404);
    String otherList = stack.call("GET", "/api/v1/runs?limit=100", stack.otherToken, null).body();
    submitted.forEach(id -> assertThat(otherList).doesNotContain(id));
  }

  @Test
  void list_filtersByMetadataStatusAndCreationTime() throws Exception {
    String tag = "filter-" + UUID.randomUUID().toString().substring(0, 8);
    String before = java.time.Instant.now().minusSeconds(1).toString();
    String a = JSON.readTree(submit(null, body(tag, "sk-ant-x")).body()).get("id").asText();
    String b = JSON.readTree(submit(null, body(tag, "sk-ant-x")).body()).get("id").asText();
    submit(null, body("other-" + tag, "sk-ant-x"));
    stack.call("POST", "/api/v1/runs/" + a + "/cancel", stack.demoToken, "");

    JsonNode tagged =
        JSON.readTree(
            stack.call("GET", "/api/v1/runs?metadata=tag:" + tag, stack.demoToken, null).body());
    assertThat(tagged.get("items")).extracting(n -> n.get("id").asText()).containsExactly(b, a);
    JsonNode cancelled =
        JSON.readTree(
            stack
                .call(
                    "GET",
                    "/api/v1/runs?status=canceled&metadata=tag:" + tag,
                    stack.demoToken,
                    null)
                .body());
    assertThat(cancelled.get("items")).extracting(n -> n.get("id").asText()).containsExactly(a);
    JsonNode none =
        JSON.readTree(
            stack
                .call(
                    "GET",
                    "/api/v1/runs?metadata=tag:" + tag + "&createdBefore=" + before,
                    stack.demoToken,
                    null)
                .body());
    assertThat(none.get("items")).isEmpty();
    assertThat(
            stack
                .call("GET", "/api/v1/runs?metadata=bad%20key:x", stack.demoToken, null)
                .statusCode())
        .isEqualTo(400);
    assertThat(
            stack
                .call("GET", "/api/v1/runs?createdFrom=yesterday", stack.demoToken, null)
                .statusCode())
        .isEqualTo(400);
  }

  private long runCount() throws Exception {
    try (Connection c = stack.db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from runs")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
