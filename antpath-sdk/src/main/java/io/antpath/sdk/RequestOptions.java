package io.antpath.sdk;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Per-call options: timeout, retries, extra headers and the idempotency key. Every setting is
 * optional; an unset one falls back to the client's ({@link AntpathClient#withOptions}). Immutable.
 *
 * <pre>{@code
 * Run run = client.runs().create(params, RequestOptions.builder()
 *     .idempotencyKey("order-42").timeout(Duration.ofSeconds(10)).maxRetries(5).build());
 * }</pre>
 */
public final class RequestOptions {
  private static final RequestOptions NONE = new Builder().build();

  private final Duration timeout;
  private final Integer maxRetries;
  private final Map<String, String> headers;
  private final String idempotencyKey;

  private RequestOptions(Builder b) {
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.idempotencyKey = b.idempotencyKey;
  }

  /**
   * Options that set nothing.
   *
   * @return the empty options
   */
  public static RequestOptions none() {
    return NONE;
  }

  /**
   * A builder with nothing set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options, to change some of them.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeout = timeout;
    b.maxRetries = maxRetries;
    b.headers.putAll(headers);
    b.idempotencyKey = idempotencyKey;
    return b;
  }

  /**
   * The time one HTTP attempt may take.
   *
   * @return the timeout, when set
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * How many times a failed attempt is retried.
   *
   * @return the retries, when set
   */
  public OptionalInt maxRetries() {
    return maxRetries == null ? OptionalInt.empty() : OptionalInt.of(maxRetries);
  }

  /**
   * Headers sent in addition to the SDK's own (and replacing them when named alike).
   *
   * @return the extra headers, unmodifiable
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * The {@code Idempotency-Key} of a POST; without one the SDK generates a fresh key per call.
   *
   * @return the key, when set
   */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  @Override
  public String toString() {
    // Header values may be credentials: names only.
    return "RequestOptions[timeout="
        + timeout
        + ", maxRetries="
        + maxRetries
        + ", headers="
        + headers.keySet()
        + ", idempotencyKey="
        + (idempotencyKey == null ? null : "set")
        + "]";
  }

  /** Builder for {@link RequestOptions}. */
  public static final class Builder {
    private Duration timeout;
    private Integer maxRetries;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String idempotencyKey;

    private Builder() {}

    /**
     * The time one HTTP attempt may take (not the total with retries).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Retries after the first attempt, for 408, 429, 5xx and connection failures.
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
     * Adds a header to the call (for instance {@code X-Request-Id}, which the server adopts).
     *
     * @param name the header name
     * @param value the header value
     * @return this builder
     */
    public Builder putHeader(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The {@code Idempotency-Key} of a POST (at most 255 characters), reused on every retry. A
     * second submission with the same key and body answers the original run.
     *
     * @param key the key
     * @return this builder
     */
    public Builder idempotencyKey(String key) {
      Objects.requireNonNull(key, "key");
      if (key.isEmpty() || key.length() > 255) {
        throw new IllegalArgumentException("idempotencyKey: 1-255 characters");
      }
      this.idempotencyKey = key;
      return this;
    }

    /**
     * The options.
     *
     * @return immutable options
     */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
