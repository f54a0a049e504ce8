package io.antpath.worker.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens for {@code NOTIFY antpath_runs} on a dedicated connection (outside the pool: a pooled
 * connection would be validated, recycled or timed out under the listener) and calls {@code
 * onNotify} for each batch of notifications. When the connection breaks it reconnects by itself
 * with a growing pause (up to {@code maxBackoff}); notifications sent while it was away are lost,
 * which is why the worker keeps polling as well and this only shortens the wait.
 */
public final class RunNotifications implements AutoCloseable {
  /** The channel {@code RunInserter} notifies on submission. */
  public static final String CHANNEL = "antpath_runs";

  private static final Logger LOG = Logger.getLogger(RunNotifications.class.getName());

  /** Opens a new, unpooled connection. */
  @FunctionalInterface
  public interface Connector {
    Connection connect() throws SQLException;
  }

  private final Connector connector;
  private final Runnable onNotify;
  private final Duration maxBackoff;
  private final AtomicInteger connects = new AtomicInteger();
  private final Thread thread;
  private volatile boolean closed;
  private volatile Connection current;

  private RunNotifications(
      Connector connector, Runnable onNotify, Duration maxBackoff, ThreadFactory threads) {
    this.connector = connector;
    this.onNotify = onNotify;
    this.maxBackoff = maxBackoff;
    this.thread = threads.newThread(this::loop);
  }

  /** Starts listening on a thread from {@code threads}. */
  public static RunNotifications start(
      Connector connector, Runnable onNotify, Duration maxBackoff, ThreadFactory threads) {
    RunNotifications n = new RunNotifications(connector, onNotify, maxBackoff, threads);
    n.thread.setName("antpath-run-notifications");
    n.thread.setDaemon(true);
    n.thread.start();
    return n;
  }

  /** How many times a listening connection was established (1 + reconnects). */
  public int connects() {
    return connects.get();
  }

  private void loop() {
    long pause = 100;
    while (!closed) {
      try (Connection c = connector.connect()) {
        current = c;
        try (Statement st = c.createStatement()) {
          st.execute("listen " + CHANNEL);
        }
        connects.incrementAndGet();
        pause = 100;
        // A submission may have happened while we were not listening.
        onNotify.run();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] got = pg.getNotifications(1000);
          if (got != null && got.length > 0) {
            onNotify.run();
          }
          if (c.isClosed()) {
            throw new SQLException("listener connection closed");
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.log(
            Level.FINE,
            "run notifications: connection lost (" + e.getClass().getSimpleName() + ")",
            e);
        LOG.info("run notifications: connection lost, reconnecting in " + pause + " ms");
        try {
          Thread.sleep(pause);
        } catch (InterruptedException ie) {
          return;
        }
        pause = Math.min(pause * 2, maxBackoff.toMillis());
      } finally {
        current = null;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection c = current;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
    thread.interrupt();
  }
}
