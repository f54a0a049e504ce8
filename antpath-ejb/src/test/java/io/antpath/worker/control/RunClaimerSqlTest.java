package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The claim statements carry the status literals their partial indexes need (built from {@code
 * RunStatus}), spelled as the index predicates in the migrations spell them, and nothing left
 * unreplaced.
 */
class RunClaimerSqlTest {
  @Test
  void claimStatementsSpellTheIndexPredicates() {
    assertThat(RunClaimer.DUE_STEPS)
        .contains("where status in ('starting', 'running') and lease_owner is null")
        .contains("status in ('queued', 'starting', 'running')");
    assertThat(RunClaimer.ADMIT)
        .contains("where workspace_id = w.ws and status = 'queued'")
        .contains("status in ('starting', 'running')");
    assertThat(RunClaimer.HEADS)
        .contains("where workspace_id = w.ws and status = 'queued'")
        .contains("status in ('starting', 'running')")
        .contains(
            "pg_try_advisory_xact_lock(" + RunClaimer.ADMISSION_LOCKS + ", hashtext(ws::text))");
    assertThat(RunClaimer.ONE).contains("status in ('starting', 'running')");
    assertThat(RunClaimer.TAKE)
        .contains("status = case when r.status = 'queued' then 'starting' else r.status end");
    for (String sql :
        new String[] {
          RunClaimer.TAKE, RunClaimer.DUE_STEPS, RunClaimer.HEADS, RunClaimer.ADMIT, RunClaimer.ONE
        }) {
      assertThat(sql).doesNotContain("{").doesNotContain("}").doesNotContain("%");
    }
  }
}
