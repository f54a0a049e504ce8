package io.antpath.web.dashboard;

import io.antpath.access.entity.Caller;
import io.antpath.workspace.boundary.WorkspaceUsage;
import io.antpath.workspace.boundary.Workspaces;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The workspace page's usage panel: storage used against its cap, tokens per day over the last 30
 * UTC days (an SVG bar chart drawn on the server, so the page needs no chart script and the CSP
 * stays strict), and the caps in force.
 */
@Named
@RequestScoped
public class WorkspaceOverview {
  static final int DAYS = 30;
  static final int CHART_HEIGHT = 100;
  static final int BAR_STEP = 20;

  @Inject Workspaces workspaces;
  @Inject WorkspaceUsage usage;
  @Inject SecurityContext security;
  @Inject WorkspaceSettings settings;

  private Workspaces.Summary summary;
  private List<WorkspaceUsage.Day> days;

  @PostConstruct
  void load() {
    // The page's view-scoped bean knows the workspace on a post-back too (a post-back carries no
    // ws parameter when the view was opened by its file name).
    String slug = settings.getSlug() != null ? settings.getSlug() : Ui.param("ws");
    Caller caller =
        workspaces.memberCaller(Ui.currentUserId(security), slug, Ui.clientAddress(), null);
    summary = workspaces.current(caller);
    days = usage.perDay(caller, LocalDate.now(ZoneOffset.UTC), DAYS);
  }

  public Workspaces.Summary getSummary() {
    return summary;
  }

  public long getStorageUsed() {
    return summary.workspace().getStorageUsedBytes();
  }

  public long getStorageCap() {
    return summary.caps().storageCapBytes();
  }

  /** Percent of the storage cap in use, one decimal. */
  public String getStoragePercent() {
    long cap = getStorageCap();
    double pct = cap == 0 ? 100 : 100.0 * getStorageUsed() / cap;
    return String.format(Locale.ROOT, "%.1f", Math.min(pct, 100));
  }

  public List<WorkspaceUsage.Day> getDays() {
    return days;
  }

  public long getTotalTokens() {
    return days.stream().mapToLong(WorkspaceUsage.Day::tokens).sum();
  }

  public long getMaxTokens() {
    return days.stream().mapToLong(WorkspaceUsage.Day::tokens).max().orElse(0);
  }

  /** One bar of the chart, in the SVG's coordinates (the day's tokens scaled to the busiest). */
  public record Bar(int x, int y, int height, String label) {}

  public List<Bar> getBars() {
    long max = Math.max(1, getMaxTokens());
    List<Bar> bars = new ArrayList<>(days.size());
    for (int i = 0; i < days.size(); i++) {
      WorkspaceUsage.Day d = days.get(i);
      int h = (int) Math.round((double) d.tokens() * CHART_HEIGHT / max);
      if (d.tokens() > 0 && h == 0) {
        h = 1; // a day with any usage stays visible
      }
      bars.add(
          new Bar(
              i * BAR_STEP,
              CHART_HEIGHT - h,
              h,
              d.day()
                  + ": "
                  + d.tokens()
                  + " tokens ("
                  + d.inputTokens()
                  + " in, "
                  + d.outputTokens()
                  + " out), "
                  + d.runs()
                  + " runs"));
    }
    return bars;
  }

  public int getChartWidth() {
    return DAYS * BAR_STEP;
  }
}
