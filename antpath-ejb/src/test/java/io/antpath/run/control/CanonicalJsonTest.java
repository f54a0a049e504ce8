package io.antpath.run.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {
  private static JsonValue parse(String json) {
    return Json.createReader(new StringReader(json)).readValue();
  }

  @Test
  void keyOrderAndWhitespace_doNotMatter() {
    String a = "{ \"b\": [1, {\"y\":true, \"x\":null}], \"a\": \"s\" }";
    String b = "{\"a\":\"s\",\"b\":[1,{\"x\":null,\"y\":true}]}";
    assertThat(CanonicalJson.canonical(parse(a))).isEqualTo(b);
    assertThat(CanonicalJson.sha256(parse(a))).isEqualTo(CanonicalJson.sha256(parse(b)));
  }

  @Test
  void differentContent_hashesDifferently() {
    assertThat(CanonicalJson.sha256(parse("{\"a\":1}")))
        .isNotEqualTo(CanonicalJson.sha256(parse("{\"a\":2}")));
  }

  @Test
  void keys_sortByUtf16CodeUnits_andStringsUseMinimalEscapes() {
    // RFC 8785 example ordering: "\r" < "1" < "\u0080" < "\u00f6" < "\u20ac" < "\ud83d\ude00" <
    // "\ufb33"
    String json =
        "{\"\\u20ac\":1,\"\\r\":2,\"\\ufb33\":3,\"1\":4,\"\\ud83d\\ude00\":5,\"\\u0080\":6,\"\\u00f6\":7}";
    assertThat(CanonicalJson.canonical(parse(json)))
        .isEqualTo(
            "{\"\\r\":2,\"1\":4,\"\u0080\":6,\"\u00f6\":7,\"\u20ac\":1,\"\ud83d\ude00\":5,\"\ufb33\":3}");
    assertThat(CanonicalJson.canonical(parse("\"a\\u0001\\\"/\\t\"")))
        .isEqualTo("\"a\\u0001\\\"/\\t\"");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "-0, 0",
    "1, 1",
    "1.0, 1",
    "100, 100",
    "1e21, 1e+21",
    "1e20, 100000000000000000000",
    "0.000001, 0.000001",
    "0.0000001, 1e-7",
    "123.456, 123.456",
    "-1.5, -1.5",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "5e-324, 5e-324",
    "333333333.33333329, 333333333.3333333",
    "9007199254740993, 9007199254740992"
  })
  void numbers_followEcmaScript(String in, String expected) {
    assertThat(CanonicalJson.number(new BigDecimal(in))).isEqualTo(expected);
  }
}
