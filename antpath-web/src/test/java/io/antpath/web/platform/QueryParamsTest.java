package io.antpath.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.access.entity.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Query parameters: malformed values are 400s that name the parameter. */
class QueryParamsTest {
  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "1.5", "0", "101", "-1", "99999999999999999999", "0x10"})
  void limitsOutsideTheRangeOrNotWholeNumbers_areRefused(String value) {
    assertThatThrownBy(() -> QueryParams.intIn("limit", value, 50, 1, 100))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("limit: a whole number from 1 to 100");
  }

  @Test
  void limits_defaultWhenAbsent() {
    assertThat(QueryParams.intIn("limit", null, 50, 1, 100)).isEqualTo(50);
    assertThat(QueryParams.intIn("limit", "100", 50, 1, 100)).isEqualTo(100);
    assertThat(QueryParams.optionalLong("after", null, 0, Long.MAX_VALUE)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+1000000000-01-01T00:00:00Z",
        "-1000000000-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z",
        "-0001-12-31T23:59:59Z",
        "2026-13-01T00:00:00Z",
        "yesterday"
      })
  void instantsOutsideYears1To9999OrMalformed_areRefused(String value) {
    assertThatThrownBy(() -> QueryParams.instant("createdFrom", value))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("createdFrom: an ISO-8601 instant");
  }

  @Test
  void instantsAtTheBounds_areAccepted() {
    assertThat(QueryParams.instant("createdFrom", "0001-01-01T00:00:00Z"))
        .isEqualTo(QueryParams.MIN_INSTANT);
    assertThat(QueryParams.instant("createdFrom", "9999-12-31T23:59:59Z"))
        .isBefore(QueryParams.MAX_INSTANT);
    assertThat(QueryParams.instant("x", "2026-11-24T18:00:00Z"))
        .isEqualTo(Instant.parse("2026-11-24T18:00:00Z"));
  }
}
