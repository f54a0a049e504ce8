package io.antpath.web.ops;

import io.antpath.worker.boundary.EngineMetrics;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * The run engine's metrics in Prometheus text format, for operators' scrapers: {@code GET
 * /ops/metrics}. Aggregates only (counts, durations, error classes); no tenant, run or key appears.
 * Not under {@code /metrics}, which Payara's own MicroProfile Metrics application may own.
 */
@WebServlet("/ops/metrics")
public class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(MetricsServlet.class.getName());

  @Inject transient EngineMetrics metrics;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String body;
    try {
      body = metrics.render();
    } catch (SQLException e) {
      LOG.warning("metrics: the database is unavailable (SQL state " + e.getSQLState() + ")");
      resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      return;
    }
    resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }
}
