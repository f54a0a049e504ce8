package io.antpath.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.antpath.sdk.errors.AntpathIoException;
import io.antpath.sdk.errors.AntpathServiceException;
import io.antpath.sdk.errors.MissingCredentialsException;
import io.antpath.sdk.run.RunCreateParams;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract tests against a fake HTTP server. */
class AntpathClientTest {
  private HttpServer server;
  private static final RunCreateParams PARAMS =
      RunCreateParams.builder().model("claude-sonnet-4-5").input("hi").build();
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private final AtomicReference<String> userAgent = new AtomicReference<>();
  private final AtomicReference<String> requestBody = new AtomicReference<>();
  private volatile int status = 200;
  private volatile String body =
      "{\"name\":\"antpath\",\"apiVersion\":\"v1\",\"version\":\"1.0\",\"schemaVersion\":\"001\",\"later\":1}";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1",
        exchange -> {
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          userAgent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
          requestBody.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("X-Request-Id", "req-123");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Test
  void serviceInfo_parsesAndIgnoresUnknownFields_sendingTheToken() {
    AntpathClient client = AntpathClient.builder().baseUrl(baseUrl()).apiToken("ap_secret").build();
    ServiceInfo info = client.serviceInfo();
    assertThat(info.name()).isEqualTo("antpath");
    assertThat(info.schema()).contains("001");
    assertThat(authorization.get()).isEqualTo("Bearer ap_secret");
    assertThat(userAgent.get()).startsWith("antpath-java/" + AntpathClient.VERSION + " (Java ");
  }

  @Test
  void errorStatus_becomesServiceExceptionWithRequestId() {
    status = 503;
    body = "{\"status\":503}";
    AntpathClient client = AntpathClient.builder().baseUrl(baseUrl()).build();
    assertThatThrownBy(client::serviceInfo)
        .isInstanceOfSatisfying(
            AntpathServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(503);
              assertThat(e.requestId()).contains("req-123");
              assertThat(e.getMessage()).contains("503").contains("req-123");
            });
  }

  @Test
  void unreachableServer_becomesIoException() {
    String url = baseUrl();
    server.stop(0);
    assertThatThrownBy(
            () -> AntpathClient.builder().baseUrl(url).maxRetries(0).build().serviceInfo())
        .isInstanceOf(AntpathIoException.class)
        .hasMessageContaining("could not reach antpath");
  }

  @Test
  void toString_neverShowsTheToken() {
    AntpathClient client = AntpathClient.builder().baseUrl(baseUrl()).apiToken("ap_secret").build();
    assertThat(client.toString()).doesNotContain("ap_secret");
  }

  @Test
  void fromEnv_needsTheBaseUrlAndTheToken() {
    assertThatThrownBy(() -> AntpathClient.builder().fromEnv(Map.of()))
        .isInstanceOf(MissingCredentialsException.class)
        .hasMessageContaining("ANTPATH_BASE_URL");
    assertThatThrownBy(
            () -> AntpathClient.builder().fromEnv(Map.of("ANTPATH_BASE_URL", "http://127.0.0.1:1")))
        .isInstanceOf(MissingCredentialsException.class)
        .hasMessageContaining("ANTPATH_API_TOKEN");
    assertThat(
            AntpathClient.builder()
                .fromEnv(Map.of("ANTPATH_BASE_URL", "http://127.0.0.1:1", "ANTPATH_API_TOKEN", "t"))
                .build()
                .baseUrl()
                .toString())
        .isEqualTo("http://127.0.0.1:1/");
  }

  @Test
  void fromEnv_usesAnthropicApiKeyAsTheDefaultSecrets_withoutShowingIt() {
    AntpathClient client =
        AntpathClient.builder()
            .fromEnv(
                Map.of(
                    "ANTPATH_BASE_URL", baseUrl(),
                    "ANTPATH_API_TOKEN", "apt_env",
                    "ANTHROPIC_API_KEY", "sk-ant-ENV-CANARY"))
            .build();
    client.runs().create(PARAMS);
    assertThat(requestBody.get()).contains("sk-ant-ENV-CANARY");
    assertThat(client.toString()).doesNotContain("sk-ant-ENV-CANARY").doesNotContain("apt_env");
    AntpathClient without =
        AntpathClient.builder()
            .fromEnv(Map.of("ANTPATH_BASE_URL", baseUrl(), "ANTPATH_API_TOKEN", "apt_env"))
            .build();
    assertThatThrownBy(() -> without.runs().create(PARAMS))
        .isInstanceOf(MissingCredentialsException.class)
        .hasMessageContaining("defaultSecrets");
  }
}
