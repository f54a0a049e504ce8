package io.antpath.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failures mean "the database is unavailable now" (503, retry) rather than a bug (500). */
class ProblemMapperTest {
  @ParameterizedTest
  @ValueSource(strings = {"08001", "08006", "08003", "53300", "57P01", "57P03"})
  void connectionFailures_tooManyClients_andShutdowns_areUnavailable(String sqlState) {
    Throwable wrapped =
        new PersistenceException(
            "could not execute statement", new SQLException("refused", sqlState));
    assertThat(ProblemMapper.isDatabaseUnavailable(wrapped)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "22P05", "40001", "42P01", "XX000"})
  void otherDatabaseErrors_areNot(String sqlState) {
    Throwable wrapped =
        new PersistenceException("could not execute statement", new SQLException("x", sqlState));
    assertThat(ProblemMapper.isDatabaseUnavailable(wrapped)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void thePoolUnableToAllocateAConnection_isUnavailable() {
    Throwable pool =
        new PersistenceException(
            new SQLException(
                "Error in allocating a connection. Cause: In-use connections equal max-pool-size"));
    assertThat(ProblemMapper.isDatabaseUnavailable(pool)).isTrue();
  }

  @org.junit.jupiter.api.Test
  void aPlainBug_isNot() {
    assertThat(ProblemMapper.isDatabaseUnavailable(new IllegalStateException("bug"))).isFalse();
    assertThat(ProblemMapper.isDatabaseUnavailable(new SQLException("no state"))).isFalse();
  }
}
