package io.antpath.web.platform;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container-level net under {@code /api/*}: whatever did not become a problem document inside
 * JAX-RS (an error status sent without a body, a path outside {@code /api/v1}, a failure that
 * escaped Jersey) is answered as {@code application/problem+json} with {@code X-Request-Id} and
 * {@code nosniff}, never with the server's HTML error page that names its classes and version.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ApiErrorFallback extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ApiErrorFallback.class.getName());

  @Inject transient RequestId requestIds;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // Set here too, for what never reaches JAX-RS (Jersey replaces both with the same values).
    response.setHeader(
        RequestIdFilter.HEADER, requestIds.assign(request.getHeader(RequestIdFilter.HEADER)));
    response.setHeader("X-Content-Type-Options", "nosniff");
    HttpServletResponseWrapper wrapped =
        new HttpServletResponseWrapper(response) {
          @Override
          public void sendError(int status, String message) throws IOException {
            problem(response, status);
          }

          @Override
          public void sendError(int status) throws IOException {
            problem(response, status);
          }
        };
    try {
      chain.doFilter(request, wrapped);
    } catch (IOException | ServletException | RuntimeException e) {
      if (response.isCommitted()) {
        throw e;
      }
      LOG.log(Level.SEVERE, "failure outside the API's error mapping, request " + id(response), e);
      problem(response, 500);
    }
  }

  private void problem(HttpServletResponse response, int status) throws IOException {
    problem(response, status, id(response));
  }

  /**
   * Answers {@code status} as the standard problem document for it, unless the answer has begun.
   */
  static void problem(HttpServletResponse response, int status, String id) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    Problem p = ProblemMapper.standard(status, id);
    byte[] body =
        Json.createObjectBuilder()
            .add("type", p.type())
            .add("title", p.title())
            .add("status", p.status())
            .add("detail", p.detail())
            .add("code", p.code())
            .add("requestId", p.requestId())
            .build()
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    response.resetBuffer();
    response.setStatus(status);
    response.setHeader(RequestIdFilter.HEADER, id);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-store");
    response.setContentType(Problem.MEDIA_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  private String id(HttpServletResponse response) {
    String id = response.getHeader(RequestIdFilter.HEADER);
    return id != null ? id : requestIds.get();
  }
}
