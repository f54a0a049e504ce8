package io.antpath.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLiteralsTest {
  @Test
  void quotesPlainWordsInTheOrderGiven() {
    assertThat(SqlLiterals.quote("queued")).isEqualTo("'queued'");
    assertThat(SqlLiterals.in("starting", "running")).isEqualTo("('starting', 'running')");
    assertThat(SqlLiterals.in(List.of("timed_out"))).isEqualTo("('timed_out')");
  }

  @Test
  void refusesAnythingButAPlainLowerCaseWord() {
    for (String bad : new String[] {"it's", "QUEUED", "", "a b", "x'; drop table runs; --"}) {
      assertThatThrownBy(() -> SqlLiterals.quote(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> SqlLiterals.quote(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlLiterals.in(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
