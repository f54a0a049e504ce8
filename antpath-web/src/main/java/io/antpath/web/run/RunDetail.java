package io.antpath.web.run;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.NotFoundException;
import io.antpath.console.boundary.RunQueries;
import io.antpath.run.boundary.RunControl;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunEvent;
import io.antpath.web.dashboard.Ui;
import io.antpath.workspace.boundary.Workspaces;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One run ({@code /app/w/{slug}/runs/{id}}): its status timeline, failure, cleanup, usage, events,
 * provider resources and cleanup attempts, and its captured outputs beside its capture failures.
 * Cancel and delete are post-backs that redirect (post/redirect/get); downloads are links to {@link
 * OutputDownloadServlet}, which signs a fresh link at the click. A caller whose role may not change
 * runs sees no such control, and the services refuse it anyway.
 */
@Named
@RequestScoped
public class RunDetail {
  @Inject Workspaces workspaces;
  @Inject RunQueries queries;
  @Inject RunControl control;
  @Inject SecurityContext security;

  private String slug;
  private Caller caller;
  private UUID runId;
  private RunQueries.RunDetail detail;

  @PostConstruct
  void load() {
    slug = Ui.param("ws");
    caller = workspaces.memberCaller(Ui.currentUserId(security), slug, Ui.clientAddress(), null);
    try {
      runId = UUID.fromString(String.valueOf(Ui.param("run")));
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("run");
    }
    detail = queries.detail(caller, runId);
  }

  public RunQueries.RunDetail getDetail() {
    return detail;
  }

  public Run getRun() {
    return detail.run();
  }

  public String getSlug() {
    return slug;
  }

  public String getStatus() {
    return lower(detail.run().getStatus().name());
  }

  public String getCleanupStatus() {
    return lower(detail.run().getCleanupStatus().name());
  }

  public boolean isActive() {
    return !detail.run().getStatus().isTerminal() || isCleaningUp();
  }

  private boolean isCleaningUp() {
    var c = detail.run().getCleanupStatus();
    return c == io.antpath.run.entity.CleanupStatus.PENDING
        || c == io.antpath.run.entity.CleanupStatus.IN_PROGRESS;
  }

  public boolean isCanCancel() {
    return AccessPolicy.permits(caller, Action.RUNS_WRITE)
        && !detail.run().getStatus().isTerminal()
        && detail.run().getCancelRequestedAt().isEmpty()
        && detail.run().getDeleteRequestedAt().isEmpty();
  }

  public boolean isCanDelete() {
    return AccessPolicy.permits(caller, Action.RUNS_WRITE)
        && detail.run().getDeleteRequestedAt().isEmpty();
  }

  public boolean isCanReadOutputs() {
    return AccessPolicy.permits(caller, Action.OUTPUTS_READ);
  }

  /** One step of the status timeline: what, when, and how long until the next step. */
  public record Step(String name, Instant at, String lasted) {}

  public List<Step> getTimeline() {
    Run r = detail.run();
    List<Step> steps = new ArrayList<>();
    Instant queued = r.getCreatedAt();
    Instant starting = detail.attempts().isEmpty() ? null : detail.attempts().get(0).getStartedAt();
    Instant running = r.getStartedAt().orElse(null);
    Instant ended = r.getFinishedAt().orElse(null);
    Instant now = Instant.now();
    steps.add(new Step("queued", queued, lasted(queued, first(starting, running, ended, now))));
    if (starting != null) {
      steps.add(new Step("starting", starting, lasted(starting, first(running, ended, now))));
    }
    if (running != null) {
      steps.add(new Step("running", running, lasted(running, first(ended, now))));
    }
    if (ended != null) {
      steps.add(new Step(getStatus(), ended, null));
    }
    return steps;
  }

  private static Instant first(Instant... candidates) {
    for (Instant i : candidates) {
      if (i != null) {
        return i;
      }
    }
    return null;
  }

  static String lasted(Instant from, Instant to) {
    if (from == null || to == null) {
      return null;
    }
    Duration d = Duration.between(from, to);
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    if (d.toMinutes() >= 1) {
      return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  public List<RunEvent> getEvents() {
    return detail.events();
  }

  public String hex(byte[] sha256) {
    return HexFormat.of().formatHex(sha256);
  }

  public String lower(String name) {
    return name == null ? "" : name.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  public String getAddress() {
    return Ui.runAddress(slug, runId);
  }

  public void cancel() {
    if (Ui.attempt(
        () -> control.cancel(caller, runId),
        "Cancellation requested: the run stops before its next step, then its outputs are captured"
            + " and it is cleaned up.")) {
      Ui.redirect(getAddress());
    }
  }

  public void delete() {
    if (Ui.attempt(() -> control.delete(caller, runId), "Run " + runId + " is being deleted.")) {
      Ui.redirect(Ui.runsAddress(slug));
    }
  }
}
