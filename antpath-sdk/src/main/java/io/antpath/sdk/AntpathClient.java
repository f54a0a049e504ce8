package io.antpath.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.antpath.sdk.errors.AntpathIoException;
import io.antpath.sdk.errors.MissingCredentialsException;
import io.antpath.sdk.http.RetryListener;
import io.antpath.sdk.http.Sleeper;
import io.antpath.sdk.internal.Internal;
import io.antpath.sdk.internal.Transport;
import io.antpath.sdk.internal.Version;
import io.antpath.sdk.run.RunSecrets;
import io.antpath.sdk.run.RunsService;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

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
  /** This SDK's version, as sent in {@code User-Agent: antpath-java/<version>}. */
  public static final String VERSION = Version.SDK;

  /**
   * The API version this SDK speaks ({@code /api/v1}), as {@link ServiceInfo#apiVersion()} reports
   * it; the SDK's major version is this number.
   */
  public static final String API_VERSION = "v1";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Transport transport;
  private final RunSecrets defaultSecrets;
  private final Sleeper sleeper;
  private final Duration pollInterval;
  private final RunsService runs;

  private AntpathClient(
      Transport transport, RunSecrets defaultSecrets, Sleeper sleeper, Duration pollInterval) {
    this.transport = transport;
    this.defaultSecrets = defaultSecrets;
    this.sleeper = sleeper;
    this.pollInterval = pollInterval;
    this.runs =
        Internal.construct(
            RunsService.class,
            new Class<?>[] {
              Transport.class, ObjectMapper.class, RunSecrets.class, Sleeper.class, Duration.class
            },
            transport,
            JSON,
            defaultSecrets,
            sleeper,
            pollInterval);
  }

  /**
   * A builder with the defaults: 30 s timeout, 2 retries, 1 s poll interval.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client from {@code ANTPATH_BASE_URL} and {@code ANTPATH_API_TOKEN}; when {@code
   * ANTHROPIC_API_KEY} is set it becomes the default secrets of submissions. To combine the
   * environment with explicit settings use {@code builder().fromEnv()}.
   *
   * @return the client
   * @throws MissingCredentialsException when {@code ANTPATH_BASE_URL} or {@code ANTPATH_API_TOKEN}
   *     is not set
   */
  public static AntpathClient fromEnv() {
    return builder().fromEnv().build();
  }

  /**
   * A client with the same connection, token and secrets whose calls use {@code options} over this
   * client's own (for instance a longer timeout, or no retries). This client is not changed.
   *
   * <pre>{@code
   * AntpathClient patient = client.withOptions(o -> o.timeout(Duration.ofMinutes(2)).maxRetries(0));
   * }</pre>
   *
   * @param options changes to the options
   * @return a new client sharing this one's HTTP client
   */
  public AntpathClient withOptions(Consumer<RequestOptions.Builder> options) {
    RequestOptions.Builder b = RequestOptions.builder();
    options.accept(b);
    return new AntpathClient(
        transport.withDefaults(b.build()), defaultSecrets, sleeper, pollInterval);
  }

  /**
   * The options every call of this client uses unless the call sets its own.
   *
   * @return the options, with timeout and max retries set
   */
  public RequestOptions options() {
    return transport.defaults();
  }

  /**
   * Runs of the token's workspace: submit, read, list, follow, cancel, delete, outputs.
   *
   * @return the runs service
   */
  public RunsService runs() {
    return runs;
  }

  /**
   * {@code GET /api/v1}: which server answers, and its schema version.
   *
   * @return what the server reports
   */
  public ServiceInfo serviceInfo() {
    try {
      return JSON.readValue(transport.send("GET", "api/v1", null, null).body(), ServiceInfo.class);
    } catch (JsonProcessingException e) {
      throw new AntpathIoException("antpath sent a response the SDK cannot read", e);
    }
  }

  /**
   * The server's base URL.
   *
   * @return the base URL, ending in a slash
   */
  public URI baseUrl() {
    return transport.baseUrl();
  }

  @Override
  public String toString() {
    // Never the token, secrets or user info of the URL.
    URI u = transport.baseUrl();
    return "AntpathClient["
        + u.getScheme()
        + "://"
        + u.getHost()
        + (u.getPort() < 0 ? "" : ":" + u.getPort())
        + u.getPath()
        + "]";
  }

  /** Builder for {@link AntpathClient}; {@code baseUrl} is required. */
  public static final class Builder {
    private String baseUrl;
    private String apiToken;
    private Duration timeout = Duration.ofSeconds(30);
    private int maxRetries = 2;
    private Sleeper sleeper = Sleeper.system();
    private RetryListener retryListener = RetryListener.NONE;
    private RunSecrets defaultSecrets;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Clock clock = Clock.systemUTC();
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    private Builder() {}

    /**
     * Takes the base URL and token from {@code ANTPATH_BASE_URL} and {@code ANTPATH_API_TOKEN}, and
     * the default secrets from {@code ANTHROPIC_API_KEY} when set. Later setters override.
     *
     * @return this builder
     * @throws MissingCredentialsException when the base URL or the token is not set
     */
    public Builder fromEnv() {
      return fromEnv(System.getenv());
    }

    Builder fromEnv(Map<String, String> env) {
      String base = env.get("ANTPATH_BASE_URL");
      if (base == null || base.isBlank()) {
        throw new MissingCredentialsException(
            "ANTPATH_BASE_URL is not set (bin/dev writes it to .antpath/dev.env)");
      }
      String token = env.get("ANTPATH_API_TOKEN");
      if (token == null || token.isBlank()) {
        throw new MissingCredentialsException(
            "ANTPATH_API_TOKEN is not set (create a token in the dashboard or with POST"
                + " /api/v1/tokens)");
      }
      String key = env.get("ANTHROPIC_API_KEY");
      baseUrl(base).apiToken(token);
      if (key != null && !key.isBlank()) {
        defaultSecrets(RunSecrets.of(key));
      }
      return this;
    }

    /**
     * How often waiting and following poll the server (default 1 s).
     *
     * @param pollInterval zero or more
     * @return this builder
     */
    public Builder pollInterval(Duration pollInterval) {
      if (pollInterval.isNegative()) {
        throw new IllegalArgumentException("pollInterval must not be negative");
      }
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * The server, e.g. {@code http://127.0.0.1:8080}.
     *
     * @param baseUrl an absolute http(s) URL
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * The API token ({@code Authorization: Bearer}); never printed.
     *
     * @param apiToken the token
     * @return this builder
     */
    public Builder apiToken(String apiToken) {
      this.apiToken = apiToken;
      return this;
    }

    /**
     * The workspace to act in, by slug or id, sent as {@code Antpath-Workspace} on every API call.
     * Needed with a single sign-on access token (a JWT from your identity provider) of a user who
     * belongs to more than one workspace; an antpath API token is bound to its workspace, so the
     * server ignores it then.
     *
     * @param workspace the workspace's slug or id
     * @return this builder
     */
    public Builder workspace(String workspace) {
      if (workspace == null || workspace.isBlank()) {
        throw new IllegalArgumentException("workspace must not be blank");
      }
      return putHeader("Antpath-Workspace", workspace.trim());
    }

    /**
     * The time one HTTP attempt may take (default 30 s); also the connect timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout is required");
      return this;
    }

    /**
     * Retries after the first attempt for 408, 429, 5xx and connection failures (default 2).
     *
     * @param maxRetries 0 or more
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * A header sent on every API call (not on downloads through signed links).
     *
     * @param name the header name
     * @param value the header value
     * @return this builder
     */
    public Builder putHeader(String name, String value) {
      headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /**
     * What waits between retries and polls (tests pass one that records).
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    /**
     * The clock that {@code Retry-After} dates are read against (tests pass a fixed one).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Told about each retry (attempt, status, delay, method, path) — never about secrets.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder retryListener(RetryListener listener) {
      this.retryListener = Objects.requireNonNull(listener);
      return this;
    }

    /**
     * Secrets sent with every submission that does not bring its own.
     *
     * @param secrets the secrets, or null for none
     * @return this builder
     */
    public Builder defaultSecrets(RunSecrets secrets) {
      this.defaultSecrets = secrets;
      return this;
    }

    /**
     * The client.
     *
     * @return an immutable client
     * @throws NullPointerException when no base URL was set
     */
    public AntpathClient build() {
      URI base =
          URI.create(
              stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl is required")) + "/");
      RequestOptions.Builder defaults =
          RequestOptions.builder().timeout(timeout).maxRetries(maxRetries);
      headers.forEach(defaults::putHeader);
      Transport transport =
          new Transport(
              HttpClient.newBuilder().connectTimeout(timeout).build(),
              base,
              apiToken,
              defaults.build(),
              sleeper,
              retryListener,
              clock);
      return new AntpathClient(transport, defaultSecrets, sleeper, pollInterval);
    }

    private static String stripTrailingSlash(String url) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
      return "AntpathClient.Builder["
          + (baseUrl == null ? null : URI.create(baseUrl).getHost())
          + "]";
    }
  }
}
