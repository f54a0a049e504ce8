package io.antpath.web.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.run.control.RunWaiters;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamTicksTest {
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
  private final RunWaiters waiters = new RunWaiters();
  private final UUID run = UUID.randomUUID();
  private final AtomicInteger reads = new AtomicInteger();

  @AfterEach
  void shutDown() {
    scheduler.shutdownNow();
  }

  private StreamTicks ticks(Duration minGap, Duration fallback, CountDownLatch readsLeft) {
    StreamTicks t =
        new StreamTicks(
            scheduler,
            () -> {
              reads.incrementAndGet();
              readsLeft.countDown();
            },
            minGap,
            fallback);
    t.start(waiters::subscribe, run);
    return t;
  }

  @Test
  void aSignal_readsAtOnce_longBeforeTheFallbackPoll() throws Exception {
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch second = new CountDownLatch(2);
    StreamTicks t =
        new StreamTicks(
            scheduler,
            () -> {
              reads.incrementAndGet();
              first.countDown();
              second.countDown();
            },
            Duration.ZERO,
            Duration.ofMinutes(10));
    t.start(waiters::subscribe, run);
    assertThat(first.await(5, TimeUnit.SECONDS)).as("the read at start").isTrue();

    assertThat(waiters.wake(run)).isEqualTo(1);

    assertThat(second.await(5, TimeUnit.SECONDS)).as("the read the signal caused").isTrue();
    assertThat(reads).hasValue(2);
  }

  @Test
  void signalsWithinTheMinimumGap_areFoldedIntoOneRead() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    ticks(Duration.ofMinutes(5), Duration.ofMinutes(10), started);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    // The fallback poll is queued again only once its first read has returned: wait for that, or
    // the count below races with it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (scheduler.getQueue().isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(scheduler.getQueue()).as("the fallback poll").hasSize(1);

    for (int i = 0; i < 5; i++) {
      waiters.wake(run);
    }

    assertThat(scheduler.getQueue())
        .as("the fallback poll and one read for five signals")
        .hasSize(2);
    assertThat(reads).hasValue(1);
  }

  @Test
  void withoutSignals_theFallbackPollKeepsReading() throws Exception {
    CountDownLatch three = new CountDownLatch(3);
    ticks(Duration.ZERO, Duration.ofMillis(20), three);

    assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void stop_closesTheSubscription_andSchedulesNothingMore() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    StreamTicks t = ticks(Duration.ZERO, Duration.ofMinutes(10), started);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    t.stop();
    t.wake();

    assertThat(waiters.watched(run)).isFalse();
    assertThat(scheduler.getQueue()).allMatch(f -> ((java.util.concurrent.Future<?>) f).isDone());
    assertThat(reads).hasValue(1);
  }
}
