package io.antpath.web.run;

import io.antpath.run.control.RunWaiters;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * When an open event stream reads the database: at once when its run changed (a signal from this
 * instance's worker or, through the data grid, another's), and on a slow fallback poll otherwise,
 * so a lost signal only delays what the stream sends. Signals that come faster than {@code minGap}
 * are folded into one read. Reads run on the managed scheduler; no thread waits.
 */
final class StreamTicks {
  private final ScheduledExecutorService scheduler;
  private final Runnable read;
  private final long minGapNanos;
  private final long fallbackMillis;
  private final AtomicBoolean queued = new AtomicBoolean();
  private volatile long lastReadAt = System.nanoTime() - Long.MAX_VALUE / 4;
  private volatile boolean stopped;
  private ScheduledFuture<?> fallback;
  private RunWaiters.Subscription subscription;

  /**
   * @param read the stream's read (it stops the ticks itself when the stream ends)
   * @param minGap the shortest time between two reads that signals cause
   * @param fallbackPoll how often the stream reads without a signal
   */
  StreamTicks(
      ScheduledExecutorService scheduler, Runnable read, Duration minGap, Duration fallbackPoll) {
    this.scheduler = scheduler;
    this.read = read;
    this.minGapNanos = minGap.toNanos();
    this.fallbackMillis = Math.max(1, fallbackPoll.toMillis());
  }

  /** Subscribes (through {@code subscribe}: run id, wake callback) and reads at once. */
  synchronized void start(
      BiFunction<java.util.UUID, Runnable, RunWaiters.Subscription> subscribe,
      java.util.UUID runId) {
    subscription = subscribe.apply(runId, this::wake);
    fallback =
        scheduler.scheduleWithFixedDelay(this::readNow, 0, fallbackMillis, TimeUnit.MILLISECONDS);
  }

  /** The run changed: reads soon (at once unless a read happened less than minGap ago). */
  void wake() {
    if (stopped || !queued.compareAndSet(false, true)) {
      return; // a read is already queued, and it has not begun: it will see this change
    }
    long wait = Math.max(0, lastReadAt + minGapNanos - System.nanoTime());
    try {
      scheduler.schedule(this::queuedRead, wait, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      queued.set(false); // the server is stopping
    }
  }

  private void queuedRead() {
    queued.set(false); // before the read: a signal from now on queues the next one
    readNow();
  }

  private void readNow() {
    if (stopped) {
      return;
    }
    lastReadAt = System.nanoTime();
    read.run();
  }

  /** Ends the ticks: no more reads are scheduled, the subscription is closed. */
  synchronized void stop() {
    stopped = true;
    if (subscription != null) {
      subscription.close();
    }
    if (fallback != null) {
      fallback.cancel(false);
    }
  }
}
