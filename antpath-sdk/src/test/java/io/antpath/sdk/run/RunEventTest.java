package io.antpath.sdk.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

/** Typed reads of an event's redacted data, as the API sends it. */
class RunEventTest {
  private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

  private RunEvent read(String type, String data) throws Exception {
    return json.readValue(
        "{\"id\":7,\"type\":\""
            + type
            + "\",\"occurredAt\":\"2026-11-24T18:00:01Z\",\"data\":"
            + data
            + "}",
        RunEvent.class);
  }

  @Test
  void aModelRequest_hasItsTokenUsage_andUnreportedCountsAreZero() throws Exception {
    RunEvent e =
        read(
            "span.model_request_end",
            "{\"isError\":false,\"inputTokens\":1200,\"outputTokens\":80,"
                + "\"cacheReadInputTokens\":5000000000}");
    assertThat(e.usage()).contains(new RunEvent.TokenUsage(1200, 80, 5_000_000_000L, 0));
    assertThat(e.isError()).contains(false);
    assertThat(e.toolName()).isEmpty();
  }

  @Test
  void toolCallsIdleAndErrors_readTheirKeys() throws Exception {
    RunEvent mcp =
        read("agent.mcp_tool_use", "{\"mcpServerName\":\"docs\",\"toolName\":\"search\"}");
    assertThat(mcp.mcpServerName()).contains("docs");
    assertThat(mcp.toolName()).contains("search");
    assertThat(mcp.usage()).isEmpty();
    assertThat(read("session.status_idle", "{\"stopReason\":\"end_turn\"}").stopReason())
        .contains("end_turn");
    assertThat(read("session.error", "{\"errorType\":\"mcp_error\"}").errorType())
        .contains("mcp_error");
  }

  @Test
  void anyKey_readsTypedOrEmpty_neverThrows() throws Exception {
    RunEvent e = read("agent.message", "{\"blocks\":2,\"textBytes\":15,\"note\":\"x\"}");
    assertThat(e.dataLong("textBytes")).hasValue(15);
    assertThat(e.dataLong("note")).isEmpty();
    assertThat(e.dataString("blocks")).isEmpty();
    assertThat(e.dataBoolean("missing")).isEmpty();
    assertThat(read("x.new", "null").data()).isEmpty();
  }
}
