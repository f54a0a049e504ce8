package io.antpath.sdk.http;

import java.time.Duration;

/** Waits between retries and between polls; tests inject one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for {@code duration}.
   *
   * @param duration how long to wait
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The sleeper that really waits ({@link Thread#sleep(long)}).
   *
   * @return the system sleeper
   */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis());
  }
}
