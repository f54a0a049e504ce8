package io.antpath.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Generates time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then random
 * bits. Time ordering keeps B-tree inserts local and makes ids roughly sortable by creation time;
 * the random part keeps them unguessable enough that an id alone never grants access (authorization
 * does).
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static UUID newId() {
    return newId(Clock.systemUTC());
  }

  static UUID newId(Clock clock) {
    long millis = clock.millis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
