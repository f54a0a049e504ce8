package io.antpath.ratelimit.entity;

import io.antpath.platform.DomainException;
import java.time.Duration;

/** Too many requests in the current window (429); {@link #retryAfter()} says when to try again. */
public class RateLimitedException extends DomainException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  public RateLimitedException(String what, Duration retryAfter) {
    super(
        429,
        "rate_limited",
        "Too many requests",
        "too many " + what + "; retry after " + Math.max(1, retryAfter.toSeconds()) + " s");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
