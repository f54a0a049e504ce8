package io.antpath.run.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunWaitersTest {
  private final RunWaiters waiters = new RunWaiters();
  private final UUID run = UUID.randomUUID();

  @Test
  void wake_reachesEveryStreamOfThatRunOnly() {
    AtomicInteger a = new AtomicInteger();
    AtomicInteger b = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    waiters.subscribe(run, a::incrementAndGet);
    waiters.subscribe(run, b::incrementAndGet);
    waiters.subscribe(UUID.randomUUID(), other::incrementAndGet);

    assertThat(waiters.wake(run)).isEqualTo(2);

    assertThat(a).hasValue(1);
    assertThat(b).hasValue(1);
    assertThat(other).hasValue(0);
  }

  @Test
  void close_stopsWakes_andForgetsTheRunWithItsLastStream() {
    AtomicInteger a = new AtomicInteger();
    AtomicInteger b = new AtomicInteger();
    RunWaiters.Subscription first = waiters.subscribe(run, a::incrementAndGet);
    RunWaiters.Subscription second = waiters.subscribe(run, b::incrementAndGet);

    first.close();
    first.close(); // idempotent
    waiters.wake(run);
    assertThat(a).hasValue(0);
    assertThat(b).hasValue(1);
    assertThat(waiters.watched(run)).isTrue();

    second.close();
    assertThat(waiters.watched(run)).isFalse();
    assertThat(waiters.runs()).isZero();
    assertThat(waiters.wake(run)).isZero();
  }

  @Test
  void aFailingStream_doesNotKeepTheOthersAsleep() {
    AtomicInteger b = new AtomicInteger();
    waiters.subscribe(
        run,
        () -> {
          throw new IllegalStateException("closed");
        });
    waiters.subscribe(run, b::incrementAndGet);

    assertThat(waiters.wake(run)).isEqualTo(1);
    assertThat(b).hasValue(1);
  }
}
