package io.antpath.worker.boundary;

import io.antpath.platform.db.SqlLiterals;
import io.antpath.platform.metrics.Metrics;
import io.antpath.provider.control.ProviderException.ErrorClass;
import io.antpath.run.boundary.RunSignals;
import io.antpath.run.entity.RunStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The run engine's metrics for operators, in Prometheus text format ({@code GET /ops/metrics}):
 * what this instance did (claims, step durations, provider failures by class and status) and what
 * the database holds for the whole cluster (queue depth by status, live sessions, cleanup backlog),
 * read with index-only counts when scraped.
 */
@ApplicationScoped
public class EngineMetrics {
  private final Metrics metrics = new Metrics();

  @Resource(lookup = "java:app/jdbc/antpath")
  DataSource dataSource;

  @Inject RunSignals signals;

  /** One claim statement pair of this instance: how long it took and how many steps it took. */
  void claimed(int steps, double seconds) {
    metrics.observe(
        "antpath_claim_seconds", "Duration of one claim (due steps + admission).", "", seconds);
    for (int i = 0; i < steps; i++) {
      metrics.count("antpath_claimed_steps_total", "Run steps claimed by this instance.", "");
    }
  }

  /**
   * A step was claimed {@code lagSeconds} after it became due: for an admission, the pick-up
   * latency from submission (or retry time) to claim; for a step of a live run, how late its look
   * or its recovery after an expired lease began.
   */
  void pickedUp(boolean admission, double lagSeconds) {
    metrics.observe(
        "antpath_pickup_seconds",
        "Time from a run step becoming due (a submission: its commit) to this instance claiming it.",
        Metrics.label("kind", admission ? "admission" : "step"),
        lagSeconds);
  }

  /** One step of {@code kind} (run, cleanup) ended after {@code seconds}. */
  void step(String kind, double seconds) {
    metrics.observe(
        "antpath_step_seconds",
        "Duration of one run or cleanup step on this instance.",
        Metrics.label("kind", kind),
        seconds);
  }

  /** A provider call failed (each failed try, retried or not). */
  void providerFailure(ErrorClass errorClass, int status, String code) {
    metrics.count(
        "antpath_provider_failures_total",
        "Failed Claude API calls by error class and HTTP status (0: no answer).",
        Metrics.label("class", errorClass.wire()) + "," + Metrics.label("status", "" + status));
  }

  /** The registry and the cluster-wide gauges, as Prometheus text. */
  public String render() throws SQLException {
    StringBuilder out = new StringBuilder();
    metrics.render(out);
    signals.render(out);
    try (Connection c = dataSource.getConnection()) {
      out.append("# HELP antpath_runs Runs by status that are queued or live (whole cluster).\n");
      out.append("# TYPE antpath_runs gauge\n");
      long[] depth = new long[3];
      String[] statuses = {
        RunStatus.QUEUED.wire(), RunStatus.STARTING.wire(), RunStatus.RUNNING.wire()
      };
      try (PreparedStatement ps =
              c.prepareStatement(
                  "select status, count(*) from runs where status in "
                      + SqlLiterals.in(statuses)
                      + " group by status");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          depth[java.util.Arrays.asList(statuses).indexOf(rs.getString(1))] = rs.getLong(2);
        }
      }
      for (int i = 0; i < statuses.length; i++) {
        out.append("antpath_runs{status=\"").append(statuses[i]).append("\"} ");
        out.append(depth[i]).append('\n');
      }
      out.append(
          "# HELP antpath_live_sessions Runs whose Claude session is live (whole cluster).\n");
      out.append("# TYPE antpath_live_sessions gauge\n");
      out.append("antpath_live_sessions ").append(depth[2]).append('\n');
      try (PreparedStatement ps =
              c.prepareStatement(
                  "select count(*), count(*) filter (where lease_owner is null and next_due_at <= now())"
                      + " from runs where next_due_at is not null"
                      + " and status in "
                      + SqlLiterals.in(
                          RunStatus.terminal().stream().map(RunStatus::wire).toList()));
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        out.append("# HELP antpath_cleanup_backlog Terminal runs whose cleanup is pending.\n");
        out.append("# TYPE antpath_cleanup_backlog gauge\n");
        out.append("antpath_cleanup_backlog ").append(rs.getLong(1)).append('\n');
        out.append("# HELP antpath_cleanup_overdue Pending cleanups already due and unclaimed.\n");
        out.append("# TYPE antpath_cleanup_overdue gauge\n");
        out.append("antpath_cleanup_overdue ").append(rs.getLong(2)).append('\n');
      }
    }
    return out.toString();
  }
}
