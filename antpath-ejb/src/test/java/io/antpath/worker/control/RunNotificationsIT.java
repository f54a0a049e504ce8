package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LISTEN/NOTIFY wake-ups against PostgreSQL, including a listener whose connection is killed. */
class RunNotificationsIT {
  private static TestDatabase db;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("notify");
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  private static void sql(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.url());
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Test
  void aNotification_wakesTheWorker_andAKilledConnectionIsReestablished() throws Exception {
    Semaphore wakes = new Semaphore(0);
    try (RunNotifications n =
        RunNotifications.start(
            () -> DriverManager.getConnection(db.url() + "&ApplicationName=antpath-listener"),
            wakes::release,
            Duration.ofMillis(200),
            Executors.defaultThreadFactory())) {
      // One wake-up on connect (a submission may have been missed), then one per notification.
      assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      sql("select pg_notify('antpath_runs', 'r1')");
      assertThat(wakes.tryAcquire(5, TimeUnit.SECONDS)).as("woken by NOTIFY").isTrue();

      sql(
          "select pg_terminate_backend(pid) from pg_stat_activity"
              + " where application_name = 'antpath-listener'");
      assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).as("woken on reconnect").isTrue();
      assertThat(n.connects()).isEqualTo(2);
      sql("select pg_notify('antpath_runs', 'r2')");
      assertThat(wakes.tryAcquire(5, TimeUnit.SECONDS)).as("woken after reconnect").isTrue();
    }
  }

  @Test
  void anUnreachableDatabase_isRetried_untilItAnswers() throws Exception {
    Semaphore wakes = new Semaphore(0);
    int[] calls = {0};
    try (RunNotifications n =
        RunNotifications.start(
            () -> {
              if (++calls[0] < 3) {
                throw new SQLException("connection refused");
              }
              return DriverManager.getConnection(db.url());
            },
            wakes::release,
            Duration.ofMillis(200),
            Executors.defaultThreadFactory())) {
      assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      assertThat(calls[0]).isEqualTo(3);
      assertThat(n.connects()).isEqualTo(1);
    }
  }
}
