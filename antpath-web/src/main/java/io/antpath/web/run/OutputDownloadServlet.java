package io.antpath.web.run;

import io.antpath.access.entity.Caller;
import io.antpath.capture.boundary.OutputLinks;
import io.antpath.platform.DomainException;
import io.antpath.workspace.boundary.Workspaces;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An output's Download link on the run page ({@code /app/w/{slug}/runs/{id}/outputs/{outputId}},
 * forwarded here by the dashboard's addresses): signs a fresh short-lived link at the click and
 * answers 303 to it. A link, not a form post: the page's CSP {@code form-action 'self'} would stop
 * a post whose answer redirects to the S3 endpoint's presigned URL, and a plain navigation is not
 * subject to it. Another tenant's run or output is the same 404 page as any unknown address.
 */
@WebServlet("/app/output-download")
public class OutputDownloadServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient Workspaces workspaces;
  @Inject transient OutputLinks links;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    OutputLinks.Link link;
    try {
      Caller caller =
          workspaces.memberCaller(
              UUID.fromString(request.getUserPrincipal().getName()),
              request.getParameter("ws"),
              request.getRemoteAddr(),
              null);
      link =
          links.create(
              caller,
              RunEventsServlet.uuid(request.getParameter("run")),
              RunEventsServlet.uuid(request.getParameter("output")));
    } catch (DomainException e) {
      response.sendError(e.status() == 403 || e.status() == 404 ? e.status() : 400);
      return;
    }
    String url =
        link.direct().isPresent()
            ? link.direct().get().toString()
            : request.getContextPath()
                + "/api/v1/downloads/"
                + link.workspaceId()
                + "/"
                + link.outputId()
                + "?expires="
                + link.expires()
                + "&signature="
                + URLEncoder.encode(link.signature(), StandardCharsets.UTF_8);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", url);
  }
}
