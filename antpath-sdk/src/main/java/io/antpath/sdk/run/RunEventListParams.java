package io.antpath.sdk.run;

/**
 * Which events of a run to list: those after an event id, {@code limit} per page (1-500, default
 * 100), oldest first.
 */
public final class RunEventListParams {
  /** The largest page the server returns. */
  public static final int MAX_LIMIT = 500;

  /** The page size when none is set. */
  public static final int DEFAULT_LIMIT = 100;

  private final long after;
  private final int limit;

  private RunEventListParams(Builder b) {
    this.after = b.after;
    this.limit = b.limit;
  }

  /**
   * A builder: from the first event, 100 per page.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * From the first event, 100 per page.
   *
   * @return the params
   */
  public static RunEventListParams none() {
    return builder().build();
  }

  /**
   * The event id the listing starts after.
   *
   * @return 0 for the start
   */
  public long after() {
    return after;
  }

  /**
   * The page size.
   *
   * @return 1-500
   */
  public int limit() {
    return limit;
  }

  @Override
  public String toString() {
    return "RunEventListParams[after=" + after + ", limit=" + limit + "]";
  }

  /** Builder for {@link RunEventListParams}. */
  public static final class Builder {
    private long after;
    private int limit = DEFAULT_LIMIT;

    private Builder() {}

    /**
     * Start after this event id (a {@link RunEvent#id()}; 0 for the start).
     *
     * @param after 0 or more
     * @return this builder
     */
    public Builder after(long after) {
      if (after < 0) {
        throw new IllegalArgumentException("after must not be negative");
      }
      this.after = after;
      return this;
    }

    /**
     * The page size: 1-500 (default 100).
     *
     * @param limit 1-500
     * @return this builder
     */
    public Builder limit(int limit) {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit: 1-" + MAX_LIMIT + " events per page");
      }
      this.limit = limit;
      return this;
    }

    /**
     * The params.
     *
     * @return immutable params
     */
    public RunEventListParams build() {
      return new RunEventListParams(this);
    }
  }
}
