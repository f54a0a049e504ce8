package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /openapi} answers JSON by default and YAML on request, each with its media type, and the
 * same document either way; what Payara's endpoint refuses is a problem document.
 */
@ExtendWith(DemoStack.class)
class OpenApiFormatsST {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final DemoStack stack = DemoStack.get();

  private HttpResponse<String> openapi(String method, String query, String accept)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(stack.server.baseUri().resolve("/openapi" + query))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "''              | -                                          | application/json",
        "''              | */*                                        | application/json",
        "''              | application/json                           | application/json",
        "''              | text/html,application/xhtml+xml,*/*;q=0.8  | application/json",
        "''              | application/problem+json                   | application/json",
        "?format=json    | application/yaml                           | application/json",
        "''              | application/yaml                           | application/yaml",
        "''              | application/yaml, application/json;q=0.5   | application/yaml",
        "?format=yaml    | -                                          | application/yaml",
        "?format=yaml    | application/json                           | application/yaml",
        "''              | text/plain                                 | text/plain"
      })
  void theDocument_comesInTheAskedFormat_withItsMediaType(String query, String accept, String type)
      throws Exception {
    HttpResponse<String> r = openapi("GET", query, accept);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(type);
    assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    JsonNode doc = (type.equals("application/json") ? JSON : YAML).readTree(r.body());
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc).isEqualTo(JSON.readTree(openapi("GET", "", null).body()));
    if (!type.equals("application/json")) {
      assertThat(r.body()).startsWith("openapi:");
    }
  }

  @Test
  void anotherMethod_isAProblemDocument_notTheServersPage() throws Exception {
    HttpResponse<String> r = openapi("POST", "", null);
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
    assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("method_not_allowed");
  }
}
