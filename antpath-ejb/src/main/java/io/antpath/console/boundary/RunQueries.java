package io.antpath.console.boundary;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.NotFoundException;
import io.antpath.capture.boundary.RunOutputs;
import io.antpath.cleanup.entity.CleanupAttempt;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.provider.entity.ProviderResource;
import io.antpath.run.boundary.Runs;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunAttempt;
import io.antpath.run.entity.RunEvent;
import io.antpath.usage.entity.UsageEntry;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/**
 * Read side of the dashboard's run page: one run with everything that happened to it, each part
 * read through the caller's workspace scope (another tenant's run is "not found"). Listing uses
 * {@link Runs#page}'s keyset query; outputs come from {@link RunOutputs#list}, so the page sees
 * exactly what the API shows. It reads across features (runs, provider resources, cleanup, usage,
 * capture), so it sits above them in a feature of its own, which only the web layer uses.
 */
@Stateless
public class RunQueries {
  /** Events shown on the run page; the API pages through the rest. */
  public static final int EVENT_WINDOW = 200;

  @PersistenceContext EntityManager em;
  @Inject RunOutputs outputs;

  public RunQueries() {}

  /** Outside a container (tests). */
  public RunQueries(EntityManager em, RunOutputs outputs) {
    this.em = em;
    this.outputs = outputs;
  }

  /** Token usage of a run, summed over its usage reports. */
  public record Usage(
      long inputTokens,
      long outputTokens,
      long cacheCreationInputTokens,
      long cacheReadInputTokens,
      long sessionRuntimeMs,
      int reports) {}

  /**
   * A run and its attempts, provider resources, cleanup attempts, usage, latest events and (when
   * the caller may read outputs) its outputs and capture failures side by side.
   */
  public record RunDetail(
      Run run,
      List<RunAttempt> attempts,
      List<ProviderResource> resources,
      List<CleanupAttempt> cleanupAttempts,
      Usage usage,
      List<RunEvent> events,
      boolean moreEvents,
      RunOutputs.Listing outputs) {}

  public RunDetail detail(Caller caller, UUID runId) {
    AccessPolicy.require(caller, Action.RUNS_READ);
    WorkspaceScope scope = WorkspaceScope.of(em, caller.workspaceId());
    Run run = scope.find(Run.class, runId).orElseThrow(() -> new NotFoundException("run"));
    List<RunEvent> events =
        scope
            .where(RunEvent.class, "e.runId = :run", "id desc")
            .setParameter("run", runId)
            .setMaxResults(EVENT_WINDOW + 1)
            .getResultList();
    boolean more = events.size() > EVENT_WINDOW;
    events = events.subList(0, Math.min(events.size(), EVENT_WINDOW)).reversed();
    return new RunDetail(
        run,
        byRun(scope, RunAttempt.class, runId, "attemptNo"),
        byRun(scope, ProviderResource.class, runId, "updatedAt, id"),
        byRun(scope, CleanupAttempt.class, runId, "startedAt, id"),
        usage(byRun(scope, UsageEntry.class, runId, "id")),
        events,
        more,
        AccessPolicy.permits(caller, Action.OUTPUTS_READ)
            ? outputs.list(caller, runId)
            : RunOutputs.Listing.NONE);
  }

  private static <T extends io.antpath.platform.tenancy.WorkspaceOwned> List<T> byRun(
      WorkspaceScope scope, Class<T> type, UUID runId, String order) {
    return scope.where(type, "e.runId = :run", order).setParameter("run", runId).getResultList();
  }

  private static Usage usage(List<UsageEntry> entries) {
    long in = 0;
    long out = 0;
    long cacheCreate = 0;
    long cacheRead = 0;
    long runtime = 0;
    for (UsageEntry u : entries) {
      in += u.getTokens().input();
      out += u.getTokens().output();
      cacheCreate += u.getTokens().cacheCreationInput();
      cacheRead += u.getTokens().cacheReadInput();
      runtime += u.getSessionRuntimeMs();
    }
    return new Usage(in, out, cacheCreate, cacheRead, runtime, entries.size());
  }
}
