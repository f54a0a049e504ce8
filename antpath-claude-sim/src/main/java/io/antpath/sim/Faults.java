package io.antpath.sim;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The ways the simulator misbehaves on purpose: answers lost after the work is done, a network-like
 * latency on every request, and the misbehaving scenarios' 429 / 5xx storms and dropped
 * connections.
 */
final class Faults {
  record LostAnswer(String method, Pattern path, AtomicLong left, Duration delay) {}

  /** Thrown to close the connection without any answer (the drop-connections scenario). */
  static final class Drop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Drop() {
      super(null, null, false, false);
    }
  }

  private final List<LostAnswer> lostAnswers = new CopyOnWriteArrayList<>();
  private volatile long latencyMillis;

  void latency(Duration latency) {
    this.latencyMillis = latency.toMillis();
  }

  /** Waits the configured latency before a request is answered. */
  void pause() {
    long pause = latencyMillis;
    if (pause > 0) {
      try {
        Thread.sleep(pause); // a virtual thread per request: pausing costs no platform thread
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void loseAnswers(String method, String pathRegex, int times, Duration delay) {
    lostAnswers.add(
        new LostAnswer(method, Pattern.compile(pathRegex), new AtomicLong(times), delay));
  }

  LostAnswer takeLostAnswer(String method, String path) {
    for (LostAnswer l : lostAnswers) {
      if (l.method().equals(method) && l.path().matcher(path).matches()) {
        if (l.left().getAndDecrement() > 0) {
          return l;
        }
        lostAnswers.remove(l);
      }
    }
    return null;
  }

  /** The misbehaving scenarios answer the first calls about their session badly. */
  static void disturb(SimSession s) {
    synchronized (s) {
      if (s.turnStartedAt < 0 || s.disturbed >= Scenario.DISTURBED_CALLS) {
        return;
      }
      switch (s.scenario) {
        case RATE_LIMIT -> {
          s.disturbed++;
          throw new ApiError(429, "rate_limit_error", "Rate limited", 1);
        }
        case SERVER_ERRORS -> {
          s.disturbed++;
          throw s.disturbed % 2 == 1
              ? new ApiError(500, "api_error", "Internal server error")
              : new ApiError(529, "overloaded_error", "Overloaded");
        }
        case DROP_CONNECTIONS -> {
          s.disturbed++;
          throw new Drop();
        }
        default -> {}
      }
    }
  }
}
