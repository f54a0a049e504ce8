package io.antpath.web.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.access.entity.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every JSON body must be before a reader binds it. */
class JsonBodyGuardTest {
  private static void check(String json) {
    JsonBodyGuard.check(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|must be a JSON object",
        "[{\"a\":1}]|must be a JSON object",
        "\"text\"|must be a JSON object",
        "42|must be a JSON object",
        "null|must be a JSON object",
        "{\"a\":\"x\\u0000y\"}|must not contain U+0000",
        "{\"a\\u0000\":1}|must not contain U+0000",
        "{\"a\":\"\\ud800\"}|unpaired surrogate",
        "{\"a\":[\"\\udc00x\"]}|unpaired surrogate",
        "{\"a\":\"\\ud800\\ud800\"}|unpaired surrogate",
        "{\"a\":|not valid JSON",
        "{\"a\":1}}|not valid JSON"
      })
  void bodiesThatCannotBeBoundOrStored_areRefused(String body, String message) {
    assertThatThrownBy(() -> check(body))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message);
  }

  @Test
  void nestingDeeperThan32_isRefused_evenTenThousandDeep() {
    assertThatThrownBy(() -> check("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"))
        .hasMessageContaining("nested more than 32 levels");
    assertThatThrownBy(() -> check("{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}"))
        .hasMessageContaining("nested more than 32 levels");
    assertThatCode(() -> check("{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"emoji\":\"\\ud83d\\ude00 \ud83d\ude00\",\"quote\":\"it\u2019s\"}",
        "{\"a\":[1,2.5,true,false,null,{\"b\":\"c\"}]}"
      })
  void ordinaryBodies_pass(String body) {
    assertThatCode(() -> check(body)).doesNotThrowAnyException();
  }
}
