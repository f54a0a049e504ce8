package io.antpath.ratelimit.control;

import io.antpath.ratelimit.entity.RateLimitedException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Fixed-window limiter whose counters live in PostgreSQL, so the limit holds across every instance
 * of a cluster. Each hit is counted in its own transaction: a request that fails afterwards still
 * counted (otherwise failures, e.g. bad logins, would be free).
 */
@Stateless
public class RateLimiter {
  private static final String HIT =
      "insert into rate_limit_windows (bucket, window_start, hits) values (?1, ?2, 1)"
          + " on conflict (bucket) do update set"
          + " hits = case when rate_limit_windows.window_start = excluded.window_start"
          + " then rate_limit_windows.hits + 1 else 1 end,"
          + " window_start = excluded.window_start"
          + " returning hits";

  @PersistenceContext EntityManager em;

  /**
   * Counts one hit on {@code bucket}.
   *
   * @throws RateLimitedException when this hit exceeds {@code limit} within the window
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void hit(String bucket, int limit, Duration window, String what, Instant now) {
    long windowMillis = window.toMillis();
    Instant start =
        Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis);
    Number hits =
        (Number)
            em.createNativeQuery(HIT)
                .setParameter(1, bucket)
                .setParameter(2, OffsetDateTime.ofInstant(start, ZoneOffset.UTC))
                .getSingleResult();
    if (hits.intValue() > limit) {
      throw new RateLimitedException(what, Duration.between(now, start.plus(window)));
    }
  }
}
