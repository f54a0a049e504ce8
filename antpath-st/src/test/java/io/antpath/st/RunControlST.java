package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cancel, delete, events and outputs of a run over REST. */
@ExtendWith(DemoStack.class)
class RunControlST {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DemoStack stack = DemoStack.get();

  private String newRun() throws Exception {
    HttpResponse<String> r =
        stack.call(
            "POST", "/api/v1/runs", stack.demoToken, RunsST.body("control", "sk-ant-control"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asText();
  }

  private void sql(String statement) throws Exception {
    try (Connection c = stack.db.connect();
        Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  private JsonNode post(String path) throws Exception {
    HttpResponse<String> r = stack.call("POST", path, stack.demoToken, "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void queuedRun_isCancelledAtOnce_andCancellingAgainIsANoOp() throws Exception {
    String id = newRun();
    JsonNode cancelled = post("/api/v1/runs/" + id + "/cancel");
    assertThat(cancelled.get("status").asText()).isEqualTo("canceled");
    assertThat(cancelled.get("finishedAt").isNull()).isFalse();
    assertThat(post("/api/v1/runs/" + id + "/cancel").get("status").asText()).isEqualTo("canceled");
    assertThat(String.join("\n", stack.rowsAsJson("audit_log")))
        .contains("\"action\":\"run.cancel\"")
        .contains(id);
  }

  @Test
  void runningRun_recordsTheRequestForItsWorker() throws Exception {
    String id = newRun();
    sql(
        "update runs set status = 'running', started_at = now(), lease_owner = 'worker-x',"
            + " lease_expires_at = now() + interval '1 hour' where id = '"
            + id
            + "'");
    JsonNode r = post("/api/v1/runs/" + id + "/cancel");
    assertThat(r.get("status").asText()).isEqualTo("running");
    assertThat(r.get("cancelRequestedAt").isNull()).isFalse();
  }

  @Test
  void finishedRun_cannotBeCancelled() throws Exception {
    String id = newRun();
    sql("update runs set status = 'succeeded', finished_at = now() where id = '" + id + "'");
    HttpResponse<String> r =
        stack.call("POST", "/api/v1/runs/" + id + "/cancel", stack.demoToken, "");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.body()).contains("\"code\":\"run_terminal\"");
  }

  @Test
  void delete_marksTheRunPendingDeletion_andCancelsItWhenLive() throws Exception {
    String id = newRun();
    HttpResponse<String> r = stack.call("DELETE", "/api/v1/runs/" + id, stack.demoToken, null);
    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode run = JSON.readTree(r.body());
    assertThat(run.get("deleteRequestedAt").isNull()).isFalse();
    assertThat(run.get("status").asText()).isEqualTo("canceled");
    assertThat(String.join("\n", stack.rowsAsJson("audit_log")))
        .contains("\"action\":\"run.delete\"");
  }

  @Test
  void eventsPageInOrder_andOutputsListBothSuccessesAndFailures() throws Exception {
    String id = newRun();
    sql(
        "insert into run_attempts (id, run_id, workspace_id, attempt_no, worker_id)"
            + " select gen_random_uuid(), id, workspace_id, 1, 'w' from runs where id = '"
            + id
            + "'");
    sql(
        "insert into run_events (run_id, workspace_id, run_attempt_id, provider_event_id, type, data)"
            + " select r.id, r.workspace_id, a.id, 'evt_' || n, 'agent.message', jsonb_build_object('n', n)"
            + " from runs r join run_attempts a on a.run_id = r.id, generate_series(1, 3) n where r.id = '"
            + id
            + "'");
    sql(
        "insert into output_objects (id, run_id, workspace_id, provider_file_id, filename, storage_key, size_bytes, sha256)"
            + " select gen_random_uuid(), id, workspace_id, 'file_1', 'hello.txt', 'k/' || id, 5, sha256('hello'::bytea)"
            + " from runs where id = '"
            + id
            + "'");
    sql(
        "insert into output_capture_failures (id, run_id, workspace_id, filename, size_bytes, reason)"
            + " select gen_random_uuid(), id, workspace_id, 'big.bin', 99, 'workspace_quota_exceeded' from runs where id = '"
            + id
            + "'");

    JsonNode first =
        JSON.readTree(
            stack
                .call("GET", "/api/v1/runs/" + id + "/events?limit=2", stack.demoToken, null)
                .body());
    assertThat(first.get("items")).hasSize(2);
    assertThat(first.get("items").get(0).get("data").get("n").asInt()).isEqualTo(1);
    JsonNode rest =
        JSON.readTree(
            stack
                .call(
                    "GET",
                    "/api/v1/runs/" + id + "/events?after=" + first.get("nextAfter").asLong(),
                    stack.demoToken,
                    null)
                .body());
    assertThat(rest.get("items")).hasSize(1);
    assertThat(rest.get("items").get(0).get("data").get("n").asInt()).isEqualTo(3);

    JsonNode outputs =
        JSON.readTree(
            stack.call("GET", "/api/v1/runs/" + id + "/outputs", stack.demoToken, null).body());
    assertThat(outputs.get("outputs").get(0).get("filename").asText()).isEqualTo("hello.txt");
    assertThat(outputs.get("outputs").get(0).get("sha256").asText())
        .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    assertThat(outputs.get("failures").get(0).get("reason").asText())
        .isEqualTo("workspace_quota_exceeded");
    assertThat(
            stack
                .call("GET", "/api/v1/runs/" + id + "/outputs", stack.otherToken, null)
                .statusCode())
        .isEqualTo(404);
  }
}
