package io.antpath.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC for the worker's statements (they run outside container transactions, on the pool's
 * connections): positional parameters bound with {@code setObject}, one row mapper, and a
 * transaction helper that commits or rolls back.
 */
public final class Jdbc {
  private Jdbc() {}

  /** Maps the current row. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Work in one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  public static int update(DataSource ds, String sql, Object... args) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return update(c, sql, args);
    }
  }

  public static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args)) {
      return ps.executeUpdate();
    }
  }

  public static <T> List<T> list(DataSource ds, String sql, Row<T> row, Object... args)
      throws SQLException {
    try (Connection c = ds.getConnection()) {
      return list(c, sql, row, args);
    }
  }

  public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, args);
        ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.map(rs));
      }
      return out;
    }
  }

  /** The first row, mapped; empty when there is none. */
  public static <T> Optional<T> first(DataSource ds, String sql, Row<T> row, Object... args)
      throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = prepare(c, sql, args);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
    }
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  public static <T> T transaction(DataSource ds, Work<T> work) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }
}
