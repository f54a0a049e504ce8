package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.cleanup.control.RunCleaner;
import io.antpath.provider.control.ClaudeApi;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A step that cannot reach the database leaves a trace for each write it could not make (the run is
 * picked up again when its lease expires), and the trace names no secret.
 */
class EngineFailureLogTest {
  private static final String SECRET = "sk-ant-LOGCANARY";

  /** A database that refuses every connection, with a secret in its message. */
  private static final DataSource DOWN =
      (DataSource)
          Proxy.newProxyInstance(
              DataSource.class.getClassLoader(),
              new Class<?>[] {DataSource.class},
              (proxy, method, args) -> {
                throw new SQLException("connection refused " + SECRET, "08001");
              });

  private static final ClaudeApi API =
      new ClaudeApi(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1), 0, d -> {});

  /** The messages {@code logger} logged while {@code action} ran. */
  private static List<String> logged(Class<?> logger, Runnable action) {
    List<String> messages = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            messages.add(r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger log = Logger.getLogger(logger.getName());
    log.addHandler(handler);
    try {
      action.run();
    } finally {
      log.removeHandler(handler);
    }
    return messages;
  }

  @Test
  void aDriverStepWhoseReleaseTheDatabaseRefused_logsBoth_withoutTheMessage() {
    RunDriver driver =
        new RunDriver(
            DOWN,
            API,
            (ws, run) -> Optional.empty(),
            null,
            new RunDriver.Settings(
                "w1",
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofSeconds(4),
                3,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10)));
    UUID run = UUID.randomUUID();

    List<String> messages =
        logged(
            RunDriver.class, () -> assertThat(driver.step(run)).isEqualTo(RunDriver.Outcome.LOST));

    assertThat(messages)
        .anySatisfy(m -> assertThat(m).contains("run " + run).contains("internal failure"))
        .anySatisfy(
            m -> assertThat(m).contains("run " + run).contains("could not").contains("08001"))
        .allSatisfy(m -> assertThat(m).doesNotContain(SECRET));
  }

  @Test
  void aCleanupWhoseRetryTheDatabaseRefused_logsBoth_withoutTheMessage() {
    RunCleaner cleaner =
        new RunCleaner(
            DOWN,
            API,
            (ws, run) -> Optional.empty(),
            (ws, run) -> false,
            null,
            null,
            new RunCleaner.Settings(
                "w1",
                Duration.ofSeconds(30),
                3,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                false));
    UUID run = UUID.randomUUID();

    List<String> messages = logged(RunCleaner.class, () -> cleaner.clean(run));

    assertThat(messages)
        .anySatisfy(m -> assertThat(m).contains("run " + run).contains("failed"))
        .anySatisfy(
            m -> assertThat(m).contains("run " + run).contains("could not").contains("08001"))
        .allSatisfy(m -> assertThat(m).doesNotContain(SECRET));
  }
}
