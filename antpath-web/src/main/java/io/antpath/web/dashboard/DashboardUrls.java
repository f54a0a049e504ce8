package io.antpath.web.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stable, shareable dashboard addresses. {@code /app/w/{slug}} (workspace), {@code
 * /app/w/{slug}/runs} (runs list), {@code /app/w/{slug}/runs/new} (submit) and {@code
 * /app/w/{slug}/runs/{id}} (run page) and {@code /app/w/{slug}/audit} (audit log) are forwarded to
 * their Facelets views with the path's parts as view parameters; {@link PrettyViewHandler} makes
 * the forms of those views post back to the same address, so the address bar never shows a bare
 * {@code .xhtml} view. Anything else under {@code /app/w/} is the 404 page.
 */
@WebFilter(filterName = "dashboardUrls", urlPatterns = "/app/w/*", asyncSupported = true)
public class DashboardUrls extends HttpFilter {
  private static final long serialVersionUID = 1L;

  /** Request attribute: the address (without context path) the view was reached by. */
  static final String ADDRESS = "antpath.dashboard.address";

  private static final Pattern ROUTE =
      Pattern.compile(
          "^/app/w/([a-z0-9][a-z0-9-]{0,62})(?:/(runs|audit)(?:/([A-Za-z0-9-]{1,64})"
              + "(?:/(events|outputs/([A-Za-z0-9-]{1,64})))?)?)?/?$");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!io.antpath.web.security.PageSecurityFilter.guard(request, response)) {
      return;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Matcher m = ROUTE.matcher(path);
    if (!m.matches()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String ws = "ws=" + enc(m.group(1));
    String target;
    if (m.group(2) == null) {
      target = "/app/workspace.xhtml?" + ws;
    } else if ("audit".equals(m.group(2))) {
      if (m.group(3) != null) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      target = "/app/audit.xhtml?" + ws;
    } else if (m.group(4) != null) {
      // Not pages: the run page's event stream and an output's download (a fresh signed link).
      if ("new".equals(m.group(3))) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      target =
          m.group(5) == null
              ? "/app/run-events?" + ws + "&run=" + enc(m.group(3))
              : "/app/output-download?"
                  + ws
                  + "&run="
                  + enc(m.group(3))
                  + "&output="
                  + enc(m.group(5));
    } else if (m.group(3) == null) {
      target = "/app/runs.xhtml?" + ws;
    } else if ("new".equals(m.group(3))) {
      target = "/app/run-new.xhtml?" + ws;
    } else {
      target = "/app/run.xhtml?" + ws + "&run=" + enc(m.group(3));
    }
    request.setAttribute(ADDRESS, path);
    request.getRequestDispatcher(target).forward(request, response);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The stable address of a workspace's page, e.g. {@code /app/w/acme}. */
  static String workspace(String slug) {
    return "/app/w/" + slug;
  }

  static String audit(String slug) {
    return workspace(slug) + "/audit";
  }

  static String runs(String slug) {
    return workspace(slug) + "/runs";
  }

  static String run(String slug, Object runId) {
    return runs(slug) + "/" + runId;
  }
}
