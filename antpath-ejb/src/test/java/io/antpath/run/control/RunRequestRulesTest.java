package io.antpath.run.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.access.entity.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The submission rules beside skills, secrets and agent types (RunRequestTest): unknown fields at
 * every level, the timeout against the workspace's cap, metadata and the cleanup mode. Each refusal
 * names the field and the rule, never the value.
 */
class RunRequestRulesTest {
  private static final String SECRETS = "\"secrets\":{\"anthropicApiKey\":\"sk-ant-k\"}";

  private static JsonObject body(String extra) {
    return Json.createReader(
            new StringReader(
                "{\"agent\":{\"model\":\"m\"},\"input\":\"x\"," + SECRETS + extra + "}"))
        .readObject();
  }

  private static RunRequest parse(String extra) {
    return RunRequest.parse(body(extra), 600, 3600);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        ",\"color\":\"red\"                         | color: unknown field",
        ",\"cleanup\":{\"claudeSession\":\"delete\",\"when\":1} | cleanup.when: unknown field",
        ",\"environment\":{\"region\":\"eu\"}        | environment.region: unknown field",
      })
  void unknownFields_areRefused_atEveryLevel(String extra, String message) {
    assertThatThrownBy(() -> parse(extra))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @Test
  void anUnknownAgentField_isRefused() {
    JsonObject body =
        Json.createReader(
                new StringReader(
                    "{\"agent\":{\"model\":\"m\",\"temperature\":1},\"input\":\"x\","
                        + SECRETS
                        + "}"))
            .readObject();
    assertThatThrownBy(() -> RunRequest.parse(body, 600, 3600))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("agent.temperature: unknown field");
  }

  @Test
  void theTimeout_defaultsToTheWorkspaces_andMayReachItsCap() {
    assertThat(parse("").timeoutSeconds()).isEqualTo(600);
    assertThat(parse(",\"timeoutSeconds\":3600").timeoutSeconds()).isEqualTo(3600);
    assertThat(parse(",\"timeoutSeconds\":1").timeoutSeconds()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0     | timeoutSeconds: between 1 and 3600 for this workspace",
        "3601  | timeoutSeconds: between 1 and 3600 for this workspace",
        "-5    | timeoutSeconds: between 1 and 3600 for this workspace",
        "1.5   | timeoutSeconds: a whole number of seconds",
        "\"60\" | timeoutSeconds: a whole number of seconds",
      })
  void timeoutsOutsideTheCap_orNotWholeSeconds_areRefused(String value, String message) {
    assertThatThrownBy(() -> parse(",\"timeoutSeconds\":" + value))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @Test
  void metadata_upToSixteenEntries_isKeptAsGiven() {
    StringBuilder md = new StringBuilder();
    for (int i = 1; i <= 16; i++) {
      md.append(i == 1 ? "" : ",").append("\"k.").append(i).append("\":\"v\"");
    }
    assertThat(parse(",\"metadata\":{" + md + "}").metadata()).hasSize(16).containsKey("k.16");
    assertThat(parse("").metadata()).isEmpty();
  }

  @Test
  void aSeventeenthMetadataEntry_isRefused() {
    StringBuilder md = new StringBuilder();
    for (int i = 1; i <= 17; i++) {
      md.append(i == 1 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    assertThatThrownBy(() -> parse(",\"metadata\":{" + md + "}"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("metadata: at most 16 entries");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"has space\":\"v\"}  | metadata: keys are 1-64 of A-Z a-z 0-9 . _ -",
        "{\"\":\"v\"}           | metadata: keys are 1-64 of A-Z a-z 0-9 . _ -",
        "{\"k\":1}              | metadata.k: must be a string",
        "{\"k\":null}           | metadata.k: required",
        "[\"k\"]                | metadata: must be an object",
      })
  void malformedMetadata_isRefused(String metadata, String message) {
    assertThatThrownBy(() -> parse(",\"metadata\":" + metadata))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"k, true", "team.docs_v-2, true", "'', false", "has space, false", "é, false"})
  void theMetadataKeyRule_isOneForSubmissionsAndFilters(String key, boolean valid) {
    assertThat(RunRequest.isMetadataKey(key)).isEqualTo(valid);
    assertThat(RunRequest.isMetadataKey("k".repeat(64))).isTrue();
    assertThat(RunRequest.isMetadataKey("k".repeat(65))).isFalse();
    assertThat(RunRequest.isMetadataKey(null)).isFalse();
  }

  @Test
  void aMetadataValueOver512Characters_isRefused_withoutEchoingIt() {
    String value = "SECRETISH".repeat(57); // 513
    assertThatThrownBy(() -> parse(",\"metadata\":{\"k\":\"" + value + "\"}"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("metadata.k: 0-512 characters");
  }

  @Test
  void theCleanupMode_isDeleteOrRetain() {
    assertThat(parse(",\"cleanup\":{\"claudeSession\":\"retain\"}").retainSession()).isTrue();
    assertThat(parse(",\"cleanup\":{\"claudeSession\":\"delete\"}").retainSession()).isFalse();
    assertThatThrownBy(() -> parse(",\"cleanup\":{\"claudeSession\":\"keep\"}"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("cleanup.claudeSession: 'delete' or 'retain'");
  }
}
