package io.antpath.web.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunSubmitTest {
  @Test
  void fieldOf_namesTheFormFieldAnApiMessageIsAbout() {
    assertThat(RunSubmit.fieldOf("agent.model: 1-200 characters")).isEqualTo("model");
    assertThat(RunSubmit.fieldOf("agent.mcpServers[].url: must be an absolute https URL"))
        .isEqualTo("mcp");
    assertThat(RunSubmit.fieldOf("secrets.mcpCredentials.docs: no MCP server of that name"))
        .isEqualTo("mcpTokensMessage");
    assertThat(RunSubmit.fieldOf("metadata.x: at most 512 characters")).isEqualTo("metadata");
    assertThat(RunSubmit.fieldOf("input: the prompt is required")).isEqualTo("input");
    assertThat(RunSubmit.fieldOf("a JSON object body is required")).isNull();
  }

  @Test
  void lasted_showsSecondsThenMinutes() {
    java.time.Instant t = java.time.Instant.parse("2026-12-01T00:00:00Z");
    assertThat(RunDetail.lasted(t, t.plusMillis(1500))).isEqualTo("1.5 s");
    assertThat(RunDetail.lasted(t, t.plusSeconds(125))).isEqualTo("2 min 5 s");
    assertThat(RunDetail.lasted(t, null)).isNull();
  }
}
