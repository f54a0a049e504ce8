package io.antpath.provider.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.provider.control.ProviderException.ErrorClass;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a provider error answer becomes a ProviderException: class, code, and a clean message. */
class ClaudeApiClassifyTest {
  private static HttpHeaders headers(Map<String, List<String>> h) {
    return HttpHeaders.of(h, (k, v) -> true);
  }

  @ParameterizedTest
  @CsvSource({
    "429, TRANSIENT",
    "500, TRANSIENT",
    "529, TRANSIENT",
    "401, TENANT_PERMANENT",
    "403, TENANT_PERMANENT",
    "400, PROVIDER_PERMANENT",
    "404, PROVIDER_PERMANENT",
    "409, PROVIDER_PERMANENT"
  })
  void statusDecidesTheClass(int status, ErrorClass expected) {
    assertThat(ClaudeApi.classify(status, headers(Map.of()), "").errorClass()).isEqualTo(expected);
  }

  @Test
  void theMessageNamesStatusTypeAndRequestId_neverTheBody() {
    String body =
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
            + "\"message\":\"bad key sk-ant-api03-SECRET\"}}";

    ProviderException e =
        ClaudeApi.classify(
            400, headers(Map.of("request-id", List.of("req_01<script>\r\nX: y"))), body);

    assertThat(e.code()).isEqualTo("provider_invalid_request_error");
    assertThat(e.getMessage())
        .isEqualTo("provider answered 400 invalid_request_error (request req_01scriptXy)")
        .doesNotContain("SECRET");
  }

  @Test
  void aBodyThatIsNoJsonError_isTypedUnknown() {
    assertThat(ClaudeApi.classify(502, headers(Map.of()), "<html>Bad gateway</html>").code())
        .isEqualTo("provider_unknown");
  }

  @Test
  void retryAfterInSecondsIsKept_otherFormsIgnored() {
    assertThat(
            ClaudeApi.classify(429, headers(Map.of("retry-after", List.of(" 7 "))), "")
                .retryAfter())
        .contains(Duration.ofSeconds(7));
    assertThat(
            ClaudeApi.classify(
                    429,
                    headers(Map.of("retry-after", List.of("Wed, 21 Oct 2026 07:28:00 GMT"))),
                    "")
                .retryAfter())
        .isEmpty();
  }
}
