package io.antpath.run.control;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's open event streams by run id: a "run changed" signal wakes the streams of that
 * run (and no other) at once. Waking only runs a callback that queues a read on the stream's own
 * scheduler; no thread waits here, and a stream that misses a wake still reads on its slow fallback
 * poll.
 */
public final class RunWaiters {
  private final Map<UUID, Set<Runnable>> byRun = new ConcurrentHashMap<>();

  /** A stream's registration; {@link #close()} removes it (idempotent). */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** Calls {@code wake} on every signal for {@code runId} until the subscription is closed. */
  public Subscription subscribe(UUID runId, Runnable wake) {
    byRun.compute(
        runId,
        (id, set) -> {
          Set<Runnable> s = set == null ? ConcurrentHashMap.newKeySet() : set;
          s.add(wake);
          return s;
        });
    return () ->
        byRun.computeIfPresent(runId, (id, set) -> set.remove(wake) && set.isEmpty() ? null : set);
  }

  /** Wakes the streams of {@code runId}; returns how many were woken. */
  public int wake(UUID runId) {
    Set<Runnable> streams = byRun.get(runId);
    if (streams == null) {
      return 0;
    }
    int n = 0;
    for (Runnable wake : streams) {
      try {
        wake.run();
        n++;
      } catch (RuntimeException e) {
        // One broken stream must not keep the others asleep; its fallback poll ends it.
      }
    }
    return n;
  }

  /** Whether any stream of {@code runId} is open here. */
  public boolean watched(UUID runId) {
    return byRun.containsKey(runId);
  }

  /** Runs with an open stream on this instance. */
  public int runs() {
    return byRun.size();
  }
}
