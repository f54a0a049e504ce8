package io.antpath.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Browser-facing pages (everything but the token-authenticated API and the signed downloads): a
 * strict Content-Security-Policy (scripts and styles only from this origin, no inline script, no
 * framing), nosniff, a same-origin Referrer-Policy, and {@code no-store} on every dashboard page
 * (they show token secrets and run data). A state-changing request must come from this origin: its
 * {@code Origin} (or, when a browser sends none, its {@code Referer}) must name this server or
 * {@code antpath.http.public-url}. The Faces view state remains the second guard.
 */
@WebFilter(
    filterName = "pageSecurity",
    urlPatterns = {"/app/*", "/error/*", "/login.xhtml", "/signup.xhtml", "/oidc/*", "/"},
    // The run page's event stream (RunEventsServlet) is asynchronous, behind this filter.
    asyncSupported = true)
public class PageSecurityFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (guard(request, response)) {
      chain.doFilter(request, response);
    }
  }

  /**
   * Sets the page headers and checks the origin of a state-changing request; false when it was
   * refused (403 sent). Filters that forward to a page themselves (the dashboard's stable
   * addresses) call it first, since a forward skips the filters still ahead in the chain.
   */
  public static boolean guard(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (request.getRequestURI().startsWith(request.getContextPath() + "/app/")) {
      response.setHeader("Cache-Control", "no-store");
    }
    if (!isSafe(request.getMethod()) && !sameOrigin(request)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return false;
    }
    return true;
  }

  private static boolean isSafe(String method) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD", "OPTIONS" -> true;
      default -> false;
    };
  }

  /** True when the request's Origin (else Referer) is this server's own or the public URL's. */
  static boolean sameOrigin(HttpServletRequest request) {
    String claimed = request.getHeader("Origin");
    if (claimed == null || claimed.isBlank() || "null".equals(claimed)) {
      String referer = request.getHeader("Referer");
      if (referer == null || referer.isBlank()) {
        return false;
      }
      claimed = referer;
    }
    Optional<String> origin = origin(claimed);
    if (origin.isEmpty()) {
      return false;
    }
    String own = origin(request.getRequestURL().toString()).orElse("").toLowerCase(Locale.ROOT);
    String publicOrigin =
        ConfigProvider.getConfig(PageSecurityFilter.class.getClassLoader())
            .getOptionalValue("antpath.http.public-url", String.class)
            .flatMap(PageSecurityFilter::origin)
            .orElse("");
    String asked = origin.get().toLowerCase(Locale.ROOT);
    return asked.equals(own) || asked.equals(publicOrigin.toLowerCase(Locale.ROOT));
  }

  /** scheme://host[:port] of a URL, the port left out when it is the scheme's default. */
  static Optional<String> origin(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return Optional.empty();
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort =
          port == -1
              || ("http".equals(scheme) && port == 80)
              || ("https".equals(scheme) && port == 443);
      return Optional.of(scheme + "://" + uri.getHost() + (defaultPort ? "" : ":" + port));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
