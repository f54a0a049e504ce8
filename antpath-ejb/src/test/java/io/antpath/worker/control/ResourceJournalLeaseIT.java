package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.provider.control.ResourceJournal;
import io.antpath.provider.entity.ResourceKind;
import io.antpath.provider.entity.ResourceState;
import io.antpath.run.control.LeaseLost;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journal of provider resources is written only by the worker holding the run's lease: a stale
 * owner writes no row and creates nothing on the provider (architecture.md: every change of a run's
 * state is guarded by its lease).
 */
class ResourceJournalLeaseIT {
  private static WorkerFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new WorkerFixture("journal_lease");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** A starting run leased to {@code owner}. */
  private static UUID runLeasedTo(String owner) throws Exception {
    UUID run = f.run(f.workspace(), "{}");
    f.sql(
        "update runs set status = 'starting', next_due_at = null, lease_owner = ?,"
            + " lease_expires_at = now() + interval '30 seconds' where id = ?",
        owner,
        run);
    return run;
  }

  private static ResourceJournal journal(String worker) {
    return new ResourceJournal(f.pooled, worker, LeaseLost::new);
  }

  private static UUID workspaceOf(UUID run) throws Exception {
    return (UUID) f.one("select workspace_id from runs where id = ?", run);
  }

  @Test
  void aWorkerWithoutTheLease_journalsNothing_andCreatesNothing() throws Exception {
    UUID run = runLeasedTo("w1");
    AtomicInteger creates = new AtomicInteger();

    assertThatThrownBy(
            () ->
                journal("w2")
                    .ensure(
                        run,
                        workspaceOf(run),
                        null,
                        ResourceKind.AGENT,
                        "antpath:" + run + ":agent",
                        ResourceJournal.of(
                            Optional::empty,
                            () -> {
                              creates.incrementAndGet();
                              return "agent_x";
                            })))
        .isInstanceOf(LeaseLost.class);

    assertThat(creates).hasValue(0);
    assertThat(f.one("select count(*) from provider_resources where run_id = ?", run))
        .isEqualTo(0L);
  }

  @Test
  void theLeaseHolder_journalsAndCreates() throws Exception {
    UUID run = runLeasedTo("w1");

    String id =
        journal("w1")
            .ensure(
                run,
                workspaceOf(run),
                null,
                ResourceKind.AGENT,
                "antpath:" + run + ":agent",
                ResourceJournal.of(Optional::empty, () -> "agent_1"));

    assertThat(id).isEqualTo("agent_1");
    assertThat(f.rows("select state, provider_id from provider_resources where run_id = ?", run))
        .containsExactly(java.util.List.of("created", "agent_1"));
  }

  @Test
  void aStaleOwner_cannotMarkOrRecordAResource() throws Exception {
    UUID run = runLeasedTo("w1");
    String marker = "antpath:" + run + ":environment";
    journal("w1")
        .ensure(
            run,
            workspaceOf(run),
            null,
            ResourceKind.ENVIRONMENT,
            marker,
            ResourceJournal.of(Optional::empty, () -> "env_1"));
    // The lease expired and another worker took the run over.
    f.sql(
        "update runs set lease_owner = 'w2', lease_expires_at = now() + interval '30 seconds'"
            + " where id = ?",
        run);

    ResourceJournal stale = journal("w1");
    assertThatThrownBy(() -> stale.mark(marker, ResourceState.FAILED, "stale"))
        .isInstanceOf(LeaseLost.class);
    assertThatThrownBy(() -> stale.created(run, marker, "env_other")).isInstanceOf(LeaseLost.class);
    stale.retainAll(run, ResourceKind.ENVIRONMENT);
    stale.credentialsDeleted(run);

    assertThat(
            f.rows(
                "select state, provider_id, last_error from provider_resources where run_id = ?",
                run))
        .containsExactly(java.util.Arrays.asList("created", "env_1", null));
  }
}
