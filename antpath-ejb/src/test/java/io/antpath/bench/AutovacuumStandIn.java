package io.antpath.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Stands in for autovacuum when the server runs without it. This machine's PostgreSQL turns it off
 * ({@code conf.d/90-ci.conf}); no production database does, and a queue table that is never
 * vacuumed fills its indexes with dead entries that every claim walks past, so a phase that churns
 * 10^5 runs would measure the missing vacuum, not the engine. Every {@code autovacuum_naptime} it
 * vacuums (and analyses) each watched table whose dead rows exceed autovacuum's own trigger, {@code
 * autovacuum_vacuum_threshold + autovacuum_vacuum_scale_factor × live rows}, read from the server's
 * settings. With autovacuum on it does nothing.
 */
final class AutovacuumStandIn implements AutoCloseable {
  private final PGSimpleDataSource source;
  private final List<String> tables;
  private final AtomicInteger vacuums = new AtomicInteger();
  private final AtomicInteger analyses = new AtomicInteger();
  private final Thread thread;
  private volatile boolean stopped;

  AutovacuumStandIn(PGSimpleDataSource source, List<String> tables) throws SQLException {
    this.source = source;
    this.tables = tables;
    try (Connection c = source.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select current_setting('autovacuum')::bool,"
                    + " current_setting('autovacuum_naptime')::interval,"
                    + " current_setting('autovacuum_vacuum_threshold')::int,"
                    + " current_setting('autovacuum_vacuum_scale_factor')::float8,"
                    + " extract(epoch from current_setting('autovacuum_naptime')::interval),"
                    + " current_setting('autovacuum_analyze_threshold')::int,"
                    + " current_setting('autovacuum_analyze_scale_factor')::float8")) {
      rs.next();
      if (rs.getBoolean(1)) {
        thread = null;
        return;
      }
      long napMillis = (long) (rs.getDouble(5) * 1000);
      Trigger vacuum = new Trigger(rs.getInt(3), rs.getDouble(4));
      Trigger analyze = new Trigger(rs.getInt(6), rs.getDouble(7));
      thread = new Thread(() -> loop(napMillis, vacuum, analyze), "autovacuum-stand-in");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Whether the server runs without autovacuum, so this stands in. */
  boolean active() {
    return thread != null;
  }

  /** Vacuums run so far. */
  int vacuums() {
    return vacuums.get();
  }

  /** Analyses alone run so far (a vacuum analyses too). */
  int analyses() {
    return analyses.get();
  }

  /** Autovacuum's trigger: more than {@code threshold + scale × live rows}. */
  private record Trigger(int threshold, double scale) {
    boolean fires(long rows, long live) {
      return rows > threshold + scale * live;
    }
  }

  private void loop(long napMillis, Trigger vacuum, Trigger analyze) {
    try (Connection c = source.getConnection();
        Statement st = c.createStatement();
        PreparedStatement stats =
            c.prepareStatement(
                "select n_dead_tup, n_mod_since_analyze, n_live_tup from pg_stat_user_tables"
                    + " where relname = ?")) {
      c.setAutoCommit(true);
      while (!stopped) {
        synchronized (this) {
          wait(napMillis);
        }
        if (stopped) {
          return;
        }
        for (String table : tables) {
          stats.setString(1, table);
          String work = null;
          try (ResultSet rs = stats.executeQuery()) {
            if (rs.next()) {
              if (vacuum.fires(rs.getLong(1), rs.getLong(3))) {
                work = "vacuum (analyze) ";
              } else if (analyze.fires(rs.getLong(2), rs.getLong(3))) {
                work = "analyze ";
              }
            }
          }
          if (work != null) {
            // A name from the benchmark's own list, never input.
            st.execute(work + table);
            (work.startsWith("vacuum") ? vacuums : analyses).incrementAndGet();
          }
        }
      }
    } catch (SQLException | InterruptedException e) {
      if (!stopped) {
        throw new IllegalStateException("the autovacuum stand-in failed", e);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    if (thread != null) {
      synchronized (this) {
        notifyAll();
      }
      thread.join();
    }
  }
}
