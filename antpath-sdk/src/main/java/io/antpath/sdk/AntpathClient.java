package io.antpath.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.antpath.sdk.errors.AntpathIoException;
import io.antpath.sdk.http.RetryListener;
import io.antpath.sdk.http.Sleeper;
import io.antpath.sdk.http.Transport;
import io.antpath.sdk.run.RunSecrets;
import io.antpath.sdk.run.RunsService;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Client for one antpath server. Immutable and thread-safe; build one and share it.
 *
 * <pre>{@code
 * AntpathClient client = AntpathClient.builder().baseUrl("http://127.0.0.1:8080").apiToken(token)
 *     .defaultSecrets(RunSecrets.of(System.getenv("ANTHROPIC_API_KEY"))).build();
 * Run run = client.runs().create(RunCreateParams.builder().model("claude-sonnet-4-5").input("Hi").build());
 * }</pre>
 */
public final class AntpathClient {
  private final URI baseUrl;
  private final Transport transport;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final RunsService runs;

  private AntpathClient(Builder b) {
    this.baseUrl =
        URI.create(
            stripTrailingSlash(Objects.requireNonNull(b.baseUrl, "baseUrl is required")) + "/");
    this.transport =
        new Transport(
            HttpClient.newBuilder().connectTimeout(b.timeout).build(),
            baseUrl,
            b.apiToken,
            b.timeout,
            b.maxRetries,
            b.sleeper,
            b.retryListener);
    this.runs = new RunsService(transport, json, b.defaultSecrets, b.sleeper, b.pollInterval);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client from {@code ANTPATH_BASE_URL} and {@code ANTPATH_API_TOKEN}; when {@code
   * ANTHROPIC_API_KEY} is set it becomes the default secrets of submissions.
   */
  public static AntpathClient fromEnv() {
    return fromEnv(System.getenv());
  }

  static AntpathClient fromEnv(Map<String, String> env) {
    String base = env.get("ANTPATH_BASE_URL");
    if (base == null || base.isBlank()) {
      throw new IllegalStateException(
          "ANTPATH_BASE_URL is not set (bin/dev writes it to .antpath/dev.env)");
    }
    String key = env.get("ANTHROPIC_API_KEY");
    return builder()
        .baseUrl(base)
        .apiToken(env.get("ANTPATH_API_TOKEN"))
        .defaultSecrets(key == null || key.isBlank() ? null : RunSecrets.of(key))
        .build();
  }

  public RunsService runs() {
    return runs;
  }

  /** {@code GET /api/v1}: which server answers, and its schema version. */
  public ServiceInfo serviceInfo() {
    try {
      return json.readValue(
          transport.send("GET", "api/v1", null, Map.of()).body(), ServiceInfo.class);
    } catch (JsonProcessingException e) {
      throw new AntpathIoException("antpath sent a response the SDK cannot read", e);
    }
  }

  public URI baseUrl() {
    return baseUrl;
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public String toString() {
    // Never the token or secrets.
    return "AntpathClient[" + baseUrl + "]";
  }

  /** Builder for {@link AntpathClient}. */
  public static final class Builder {
    private String baseUrl;
    private String apiToken;
    private Duration timeout = Duration.ofSeconds(30);
    private int maxRetries = 2;
    private Sleeper sleeper = Sleeper.system();
    private RetryListener retryListener = RetryListener.NONE;
    private RunSecrets defaultSecrets;
    private Duration pollInterval = Duration.ofSeconds(1);

    private Builder() {}

    /** How often waiting and following poll the server (default 1 s). */
    public Builder pollInterval(Duration pollInterval) {
      if (pollInterval.isNegative()) {
        throw new IllegalArgumentException("pollInterval must not be negative");
      }
      this.pollInterval = pollInterval;
      return this;
    }

    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    public Builder apiToken(String apiToken) {
      this.apiToken = apiToken;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout is required");
      return this;
    }

    /** Retries after the first attempt for 429, 5xx and connection failures (default 2). */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    /** Told about each retry (attempt, status, delay, method, path) — never about secrets. */
    public Builder retryListener(RetryListener listener) {
      this.retryListener = Objects.requireNonNull(listener);
      return this;
    }

    /** Secrets sent with every submission that does not bring its own. */
    public Builder defaultSecrets(RunSecrets secrets) {
      this.defaultSecrets = secrets;
      return this;
    }

    public AntpathClient build() {
      return new AntpathClient(this);
    }

    @Override
    public String toString() {
      return "AntpathClient.Builder[" + baseUrl + "]";
    }
  }
}
