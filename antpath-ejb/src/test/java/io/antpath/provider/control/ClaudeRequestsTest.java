package io.antpath.provider.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The session body's metadata: the run's markers plus as many of its own entries as fit. */
class ClaudeRequestsTest {
  private static ClaudeRequests.Run run(JsonObject metadata) {
    return new ClaudeRequests.Run(
        UUID.randomUUID(),
        Json.createObjectBuilder()
            .add("agent", Json.createObjectBuilder().add("model", "m"))
            .add("input", "x")
            .build(),
        metadata);
  }

  private static JsonObject sessionMetadata(JsonObject runMetadata) {
    ClaudeRequests.Run r = run(runMetadata);
    return ClaudeRequests.sessionBody(
            r, ClaudeRequests.marker(r, "session"), "agent_1", "env_1", JsonValue.EMPTY_JSON_ARRAY)
        .getJsonObject("metadata");
  }

  @Test
  void reservedKeysOfTheRunAreNotForwarded_andDoNotTakeTheRoomOfOthers() {
    JsonObjectBuilder md =
        Json.createObjectBuilder().add("antpath.run", "forged").add("antpath.marker", "forged");
    for (int i = 1; i <= 14; i++) {
      md.add("k" + i, "v" + i);
    }

    JsonObject sent = sessionMetadata(md.build());

    assertThat(sent).hasSize(ClaudeRequests.PROVIDER_METADATA_MAX);
    assertThat(sent.getString("antpath.marker")).startsWith("antpath:");
    assertThat(sent.getString("antpath.run")).isNotEqualTo("forged");
    for (int i = 1; i <= 14; i++) {
      assertThat(sent.getString("k" + i)).isEqualTo("v" + i);
    }
  }

  @Test
  void entriesBeyondTheProvidersLimitAreLeftOut_inTheRunsOrder() {
    JsonObjectBuilder md = Json.createObjectBuilder();
    for (int i = 1; i <= 16; i++) {
      md.add("k" + i, "v" + i);
    }

    JsonObject sent = sessionMetadata(md.build());

    assertThat(sent).hasSize(ClaudeRequests.PROVIDER_METADATA_MAX);
    assertThat(sent).containsKeys("k1", "k14").doesNotContainKeys("k15", "k16");
  }
}
