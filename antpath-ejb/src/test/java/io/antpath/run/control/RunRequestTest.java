package io.antpath.run.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.access.entity.InvalidRequestException;
import io.antpath.run.entity.InvalidSecretException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation of skill references, tools, environment and secrets (never echoed). */
class RunRequestTest {
  private static JsonObject body(String agentSkills, String secretSkills) {
    return Json.createReader(
            new StringReader(
                "{\"agent\":{\"model\":\"m\""
                    + (agentSkills == null ? "" : ",\"skills\":" + agentSkills)
                    + "},\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"sk-ant-k\""
                    + (secretSkills == null ? "" : ",\"skills\":" + secretSkills)
                    + "}}"))
        .readObject();
  }

  @Test
  void skills_inTheAgentStayInTheSpec_andSecretSkillsOnlyInTheSealedBundle() {
    RunRequest r =
        RunRequest.parse(
            body(
                "[{\"type\":\"anthropic\",\"skill_id\":\"xlsx\"}]",
                "[{\"type\":\"custom\",\"skill_id\":\"skill_private\",\"version\":\"3\"}]"),
            600,
            3600);
    assertThat(r.withoutSecrets().toString()).contains("xlsx").doesNotContain("skill_private");
    assertThat(new String(r.secretsBundle(), StandardCharsets.UTF_8)).contains("skill_private");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":\"anthropic\"}|agent.skills[].skill_id: required",
        "{\"type\":\"shared\",\"skill_id\":\"x\"}|agent.skills[].type: 'anthropic' or 'custom'",
        "{\"type\":\"custom\",\"skill_id\":\"x\",\"path\":\"/etc\"}|agent.skills[].path: unknown"
            + " field",
        "\"xlsx\"|agent.skills: entries must be objects {type, skill_id}"
      })
  void malformedSkillReferences_areRefused(String skill, String message) {
    assertThatThrownBy(() -> RunRequest.parse(body("[" + skill + "]", null), 600, 3600))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message);
  }

  @Test
  void moreThanTwentySkillsInAll_areRefused() {
    String ten =
        "["
            + String.join(
                ",",
                java.util.Collections.nCopies(11, "{\"type\":\"anthropic\",\"skill_id\":\"pdf\"}"))
            + "]";
    assertThatThrownBy(() -> RunRequest.parse(body(ten, ten), 600, 3600))
        .hasMessageContaining("at most 20 skills in all");
    assertThat(RunRequest.parse(body(ten, null), 600, 3600)).isNotNull();
  }

  private static JsonObject withSecrets(String agentExtra, String secrets) {
    return Json.createReader(
            new StringReader(
                "{\"agent\":{\"model\":\"m\""
                    + agentExtra
                    + "},\"input\":\"x\",\"secrets\":"
                    + secrets
                    + "}"))
        .readObject();
  }

  private static String key(String key) {
    return "{\"anthropicApiKey\":" + Json.createValue(key) + "}";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk-ant-api03-CANARY\u0007bell",
        "sk-ant-api03-CANARY\u2019quote",
        "sk-ant-api03-CANARY inner-space",
        "sk-ant-api03-CANARY\ttab",
        "sk-ant-api03-CANARY\r\nX-Injected: 1",
        " sk-ant-api03-CANARY-leading-space",
        "sk-ant-api03-CANARY\u00e9",
        "sk-ant-api03-CANARY\u0000nul",
        "CANARY-not-an-anthropic-key",
        "sk-ant-",
        ""
      })
  void anthropicKeys_thatNoHeaderCouldCarry_orWithoutTheShape_areRefused_withoutEchoingThem(
      String bad) {
    assertThatThrownBy(() -> RunRequest.parse(withSecrets("", key(bad)), 600, 3600))
        .isInstanceOfSatisfying(
            InvalidSecretException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_secret");
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).startsWith("secrets.anthropicApiKey: ");
              assertThat(e.getMessage()).doesNotContain("CANARY");
              if (bad.length() > "sk-ant-".length()) { // the rule itself names the prefix
                assertThat(e.getMessage()).doesNotContain(bad);
              }
            });
  }

  @Test
  void aKeyThatIsNotAString_isAnInvalidRequest() {
    assertThatThrownBy(
            () -> RunRequest.parse(withSecrets("", "{\"anthropicApiKey\":42}"), 600, 3600))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("secrets.anthropicApiKey: must be a string");
  }

  private static final String MCP =
      ",\"mcpServers\":[{\"name\":\"gh\",\"url\":\"https://mcp.example\"}]";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":\"bearer\",\"token\":\"CANARY\\u2019tok\"}|secrets.mcpCredentials.gh.token:"
            + " 1-4096 visible",
        "{\"type\":\"bearer\",\"token\":\"CANARY tok\"}|secrets.mcpCredentials.gh.token: 1-4096"
            + " visible",
        "{\"type\":\"bearer\",\"token\":7}|secrets.mcpCredentials.gh.token: must be a string",
        "{\"type\":\"bearer\"}|secrets.mcpCredentials.gh.token: required",
        "{\"type\":\"oauth\",\"accessToken\":\"CANARY\\u0001\"}|secrets.mcpCredentials.gh.accessToken:"
            + " 1-4096 visible",
        "{\"type\":\"oauth\",\"accessToken\":\"a\",\"refreshToken\":\"CANARY\\n"
            + "\"}|secrets.mcpCredentials.gh.refreshToken: 1-4096 visible",
        "{\"type\":\"oauth\",\"accessToken\":\"a\",\"clientSecret\":[\"CANARY\"]}|secrets.mcpCredentials.gh.clientSecret:"
            + " must be a string",
        "{\"type\":\"oauth\",\"accessToken\":\"a\",\"tokenUrl\":\"http://x\"}|secrets.mcpCredentials.gh.tokenUrl:"
            + " must be an absolute https URL",
        "{\"type\":\"oauth\",\"accessToken\":\"a\",\"expiresAt\":\"soon\"}|secrets.mcpCredentials.gh.expiresAt:"
            + " an ISO-8601 instant",
        "{\"type\":\"oauth\",\"accessToken\":\"a\",\"expiresAt\":5}|secrets.mcpCredentials.gh.expiresAt:"
            + " must be a string"
      })
  void mcpCredentials_areStrictlyTyped_andTheirTokensHeaderSafe(String credential, String message) {
    String secrets =
        "{\"anthropicApiKey\":\"sk-ant-k\",\"mcpCredentials\":{\"gh\":" + credential + "}}";
    assertThatThrownBy(() -> RunRequest.parse(withSecrets(MCP, secrets), 600, 3600))
        .hasMessageStartingWith(message)
        .hasMessageNotContaining("CANARY");
  }

  @Test
  void wellFormedMcpCredentials_areSealed() {
    String secrets =
        "{\"anthropicApiKey\":\"sk-ant-api03-abc_DEF-123\",\"mcpCredentials\":{\"gh\":"
            + "{\"type\":\"oauth\",\"accessToken\":\"ya29.a0-_~+/=\",\"refreshToken\":\"r\","
            + "\"clientId\":\"c\",\"clientSecret\":\"s\",\"tokenUrl\":\"https://auth.example/token\","
            + "\"expiresAt\":\"2026-12-01T10:00:00Z\"}}}";
    RunRequest r = RunRequest.parse(withSecrets(MCP, secrets), 600, 3600);
    assertThat(new String(r.secretsBundle(), StandardCharsets.UTF_8)).contains("ya29.a0-_~+/=");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        ",\"tools\":\"bash\"|agent.tools: an array of at most 128 tools",
        ",\"tools\":{}|agent.tools: an array of at most 128 tools",
        ",\"tools\":[1]|agent.tools: entries must be objects",
        ",\"tools\":[[]]|agent.tools: entries must be objects",
        ",\"tools\":[{}]|agent.tools[].type: required",
        ",\"tools\":[{\"type\":true}]|agent.tools[].type: must be a string",
        ",\"mcpServers\":{}|agent.mcpServers: an array of at most 20 servers",
        ",\"mcpServers\":[{\"name\":1,\"url\":\"https://x\"}]|agent.mcpServers[].name: must be a"
            + " string",
        ",\"skills\":{}|agent.skills: must be an array",
        ",\"skills\":[{\"type\":\"custom\",\"skill_id\":5}]|agent.skills[].skill_id: must be a"
            + " string"
      })
  void agentFields_ofTheWrongJsonType_areRefused(String agentExtra, String message) {
    assertThatThrownBy(() -> RunRequest.parse(withSecrets(agentExtra, key("sk-ant-k")), 600, 3600))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void moreThan128Tools_orTwentyMcpServers_areRefused() {
    String tools =
        ",\"tools\":["
            + String.join(",", java.util.Collections.nCopies(129, "{\"type\":\"custom\"}"))
            + "]";
    assertThatThrownBy(() -> RunRequest.parse(withSecrets(tools, key("sk-ant-k")), 600, 3600))
        .hasMessageStartingWith("agent.tools: an array of at most 128");
    StringBuilder servers = new StringBuilder(",\"mcpServers\":[");
    for (int i = 0; i < 21; i++) {
      servers.append(i == 0 ? "" : ",").append("{\"name\":\"s" + i + "\",\"url\":\"https://x\"}");
    }
    assertThatThrownBy(
            () -> RunRequest.parse(withSecrets(servers + "]", key("sk-ant-k")), 600, 3600))
        .hasMessageStartingWith("agent.mcpServers: an array of at most 20");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"networking\":\"open\"}|networking: must be an object",
        "{\"networking\":{}}|environment.networking.type: required",
        "{\"networking\":{\"type\":[]}}|environment.networking.type: must be a string",
        "{\"packages\":[\"pandas\"]}|packages: must be an object"
      })
  void environmentFields_ofTheWrongJsonType_areRefused(String environment, String message) {
    JsonObject body =
        Json.createObjectBuilder(withSecrets("", key("sk-ant-k")))
            .add("environment", Json.createReader(new StringReader(environment)).readObject())
            .build();
    assertThatThrownBy(() -> RunRequest.parse(body, 600, 3600))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void wellTypedToolsAndEnvironment_areAccepted() {
    JsonObject body =
        Json.createObjectBuilder(
                withSecrets(",\"tools\":[{\"type\":\"agent_toolset_20260401\"}]", key("sk-ant-k")))
            .add(
                "environment",
                Json.createReader(
                        new StringReader(
                            "{\"networking\":{\"type\":\"limited\",\"allowed_hosts\":[\"a.example\"]},"
                                + "\"packages\":{\"pip\":[\"pandas\"]}}"))
                    .readObject())
            .build();
    assertThat(RunRequest.parse(body, 600, 3600).withoutSecrets().toString())
        .contains("agent_toolset_20260401");
  }
}
