package io.antpath.run.boundary;

import io.antpath.platform.grid.GridTopic;
import io.antpath.platform.metrics.Metrics;
import io.antpath.run.control.RunWaiters;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * "Run {@code id} changed" across the cluster: the worker calls {@link #changed} after a step has
 * committed; the run's open event streams on this instance wake at once, and the id goes on the
 * data grid so the streams on every other instance wake too. Each woken stream then reads
 * PostgreSQL, the source of truth: a signal carries nothing but the run id, and a lost signal
 * (split grid, {@code --nocluster}, a member leaving) only delays a stream until its slow fallback
 * poll.
 */
@ApplicationScoped
public class RunSignals {
  /** The grid topic; its messages are run ids as text. */
  static final String TOPIC = "antpath.run-changed";

  private static final Logger LOG = Logger.getLogger(RunSignals.class.getName());

  private final RunWaiters waiters = new RunWaiters();
  private final Metrics metrics = new Metrics();
  private GridTopic grid;

  @Resource ContextService contexts;

  @PostConstruct
  void join() {
    // Grid threads run without the application's context: the listener carries it, so what a
    // woken stream schedules on the managed executor runs as the application's work.
    @SuppressWarnings("unchecked")
    Consumer<String> received =
        contexts.createContextualProxy((Consumer<String>) this::received, Consumer.class);
    try {
      grid = GridTopic.open(TOPIC, received).orElse(null);
    } catch (LinkageError e) {
      LOG.info("data grid classes not visible to the application: streams poll only");
    }
    LOG.info(
        grid == null
            ? "no data grid: event streams of this instance wake on local signals and poll"
            : "event streams wake on run signals from the data grid (when it has other members)");
  }

  @PreDestroy
  void leave() {
    if (grid != null) {
      grid.close();
    }
  }

  /** A step of run {@code runId} has committed: wakes its streams here and on other instances. */
  public void changed(UUID runId) {
    waiters.wake(runId);
    if (grid != null && grid.publish(runId.toString())) {
      count("sent");
    }
  }

  /** Calls {@code wake} whenever run {@code runId} changes, until the subscription is closed. */
  public RunWaiters.Subscription subscribe(UUID runId, Runnable wake) {
    return waiters.subscribe(runId, wake);
  }

  /** Whether the data grid carries this instance's signals. */
  public boolean clustered() {
    return grid != null;
  }

  /** This instance's signal counters, in Prometheus text (part of {@code GET /ops/metrics}). */
  public void render(StringBuilder out) {
    metrics.render(out);
  }

  private void count(String direction) {
    metrics.count(
        "antpath_run_signals_total",
        "Run-changed signals on the data grid, sent by this instance or received from others.",
        Metrics.label("direction", direction));
  }

  void received(String message) {
    count("received");
    try {
      waiters.wake(UUID.fromString(message));
    } catch (IllegalArgumentException e) {
      LOG.log(Level.FINE, "a run signal that is no run id was ignored");
    }
  }
}
