package io.antpath.sdk.run;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which runs to list: by status, one metadata entry and creation time, newest first, {@code limit}
 * per page (1-100, default 50). {@code limit} is the page size, not a total: to read the last 200
 * runs use {@code list(params).stream().limit(200)}, which fetches the pages as it goes.
 *
 * <pre>{@code
 * RunListParams params = RunListParams.builder()
 *     .metadata("team", "blue").status(RunStatus.RUNNING).limit(100).build();
 * }</pre>
 */
public final class RunListParams {
  /** The largest page the server returns. */
  public static final int MAX_LIMIT = 100;

  /** The page size when none is set. */
  public static final int DEFAULT_LIMIT = 50;

  private static final Pattern METADATA_KEY = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

  private final RunStatus status;
  private final String metadataKey;
  private final String metadataValue;
  private final Instant createdFrom;
  private final Instant createdBefore;
  private final String cursor;
  private final int limit;
  private final Map<String, String> additionalQueryParams;

  private RunListParams(Builder b) {
    this.status = b.status;
    this.metadataKey = b.metadataKey;
    this.metadataValue = b.metadataValue;
    this.createdFrom = b.createdFrom;
    this.createdBefore = b.createdBefore;
    this.cursor = b.cursor;
    this.limit = b.limit;
    this.additionalQueryParams = Map.copyOf(b.additionalQueryParams);
  }

  /**
   * A builder: all runs, 50 per page.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * No filter, 50 per page.
   *
   * @return the params
   */
  public static RunListParams none() {
    return builder().build();
  }

  /**
   * A builder holding these params.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.status = status;
    b.metadataKey = metadataKey;
    b.metadataValue = metadataValue;
    b.createdFrom = createdFrom;
    b.createdBefore = createdBefore;
    b.cursor = cursor;
    b.limit = limit;
    b.additionalQueryParams.putAll(additionalQueryParams);
    return b;
  }

  /**
   * The page size.
   *
   * @return 1-100
   */
  public int limit() {
    return limit;
  }

  /**
   * The status filter.
   *
   * @return the status, when set
   */
  public Optional<RunStatus> status() {
    return Optional.ofNullable(status);
  }

  /**
   * The cursor the listing starts after.
   *
   * @return the cursor, when set
   */
  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  /** The query string (without {@code ?}), for {@code cursor} instead of this one's. */
  String query(String cursorOverride) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("limit", Integer.toString(limit));
    String c = cursorOverride != null ? cursorOverride : cursor;
    if (c != null) {
      q.put("cursor", c);
    }
    if (status != null) {
      q.put("status", status.value());
    }
    if (metadataKey != null) {
      q.put("metadata", metadataKey + ":" + metadataValue);
    }
    if (createdFrom != null) {
      q.put("createdFrom", createdFrom.toString());
    }
    if (createdBefore != null) {
      q.put("createdBefore", createdBefore.toString());
    }
    q.putAll(additionalQueryParams);
    StringBuilder s = new StringBuilder();
    q.forEach(
        (k, v) -> {
          if (s.length() > 0) {
            s.append('&');
          }
          s.append(encode(k)).append('=').append(encode(v));
        });
    return s.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "RunListParams[" + query(null) + "]";
  }

  /** Builder for {@link RunListParams}. */
  public static final class Builder {
    private RunStatus status;
    private String metadataKey;
    private String metadataValue;
    private Instant createdFrom;
    private Instant createdBefore;
    private String cursor;
    private int limit = DEFAULT_LIMIT;
    private final Map<String, String> additionalQueryParams = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Only runs with this status.
     *
     * @param status a known status (not {@link RunStatus#UNKNOWN})
     * @return this builder
     */
    public Builder status(RunStatus status) {
      if (status == RunStatus.UNKNOWN) {
        throw new IllegalArgumentException("status: UNKNOWN is not a status to filter by");
      }
      this.status = status;
      return this;
    }

    /**
     * Only runs whose metadata has {@code key} set to {@code value} (one entry; a second call
     * replaces the first).
     *
     * @param key 1-64 of {@code A-Z a-z 0-9 . _ -}
     * @param value the exact value
     * @return this builder
     */
    public Builder metadata(String key, String value) {
      if (key == null || !METADATA_KEY.matcher(key).matches()) {
        throw new IllegalArgumentException("metadata key: 1-64 of A-Z a-z 0-9 . _ -");
      }
      this.metadataKey = key;
      this.metadataValue = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Only runs created at or after {@code from}.
     *
     * @param from the earliest creation time
     * @return this builder
     */
    public Builder createdFrom(Instant from) {
      this.createdFrom = from;
      return this;
    }

    /**
     * Only runs created before {@code before}.
     *
     * @param before the creation time to stay below
     * @return this builder
     */
    public Builder createdBefore(Instant before) {
      this.createdBefore = before;
      return this;
    }

    /**
     * Start after this cursor (a page's {@code nextCursor}); the auto-pager sets it by itself.
     *
     * @param cursor a cursor the API returned
     * @return this builder
     */
    public Builder cursor(String cursor) {
      this.cursor = cursor;
      return this;
    }

    /**
     * The page size: 1-100 (default 50). It is not a total; limit the stream for that.
     *
     * @param limit 1-100
     * @return this builder
     * @throws IllegalArgumentException outside 1-100 (the server would answer 400)
     */
    public Builder limit(int limit) {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException(
            "limit: 1-"
                + MAX_LIMIT
                + " runs per page (got "
                + limit
                + "); for more, page on"
                + " with stream().limit(n)");
      }
      this.limit = limit;
      return this;
    }

    /**
     * Adds a query parameter this SDK does not know yet.
     *
     * @param name the parameter name
     * @param value its value
     * @return this builder
     */
    public Builder putAdditionalQueryParam(String name, String value) {
      additionalQueryParams.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /**
     * The params.
     *
     * @return immutable params
     */
    public RunListParams build() {
      return new RunListParams(this);
    }
  }
}
