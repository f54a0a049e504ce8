package io.antpath.run.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.access.entity.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation of skill references, in the agent and in the secrets bundle. */
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
        "{\"type\":\"custom\",\"skill_id\":\"x\",\"path\":\"/etc\"}|agent.skills[].path: unknown field",
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
}
