package io.antpath.web.security;

import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * Sign-in with the configured OpenID Connect provider: {@code /oidc/login} starts the
 * authorization-code flow (state, nonce and PKCE verifier kept in the session), {@code
 * /oidc/callback} finishes it and signs the user in through Jakarta Security.
 */
public final class OidcServlets {
  private static final Logger LOG = Logger.getLogger(OidcServlets.class.getName());
  private static final String FLOW = "antpath.oidc.flow";
  private static final SecureRandom RANDOM = new SecureRandom();

  private OidcServlets() {}

  /** What the session remembers between the redirect to the provider and its answer. */
  record Flow(String state, String nonce, String verifier) implements java.io.Serializable {}

  static String random() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** {@code GET /oidc/login}: redirect to the provider. */
  @WebServlet("/oidc/login")
  public static class Login extends HttpServlet {
    private static final long serialVersionUID = 1L;
    @Inject transient OidcSettings settings;
    @Inject transient OidcClient client;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      if (!settings.isEnabled()) {
        response.sendError(404);
        return;
      }
      Flow flow = new Flow(random(), random(), random());
      request.getSession(true).setAttribute(FLOW, flow);
      try {
        response.sendRedirect(
            client.authorizationUrl(
                settings.redirectUri(request), flow.state(), flow.nonce(), flow.verifier()));
      } catch (OidcClient.OidcException e) {
        LOG.warning("OpenID Connect sign-in could not start: " + e.getMessage());
        response.sendError(502, "The sign-in provider is not available.");
      }
    }
  }

  /** {@code GET /oidc/callback}: verify the answer and sign in. */
  @WebServlet("/oidc/callback")
  public static class Callback extends HttpServlet {
    private static final long serialVersionUID = 1L;
    @Inject transient OidcSettings settings;
    @Inject transient OidcClient client;
    @Inject transient SecurityContext security;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      HttpSession session = request.getSession(false);
      Flow flow = session == null ? null : (Flow) session.getAttribute(FLOW);
      String state = request.getParameter("state");
      String code = request.getParameter("code");
      if (flow == null
          || state == null
          || code == null
          || !MessageDigest.isEqual(flow.state().getBytes(), state.getBytes())) {
        response.sendError(400, "This sign-in link is not valid or has expired; start again.");
        return;
      }
      session.removeAttribute(FLOW);
      OidcClient.Identity identity;
      try {
        identity =
            client.exchange(code, settings.redirectUri(request), flow.nonce(), flow.verifier());
      } catch (OidcClient.OidcException e) {
        LOG.warning("OpenID Connect sign-in refused: " + e.getMessage());
        response.sendError(401, "The sign-in could not be verified.");
        return;
      }
      AuthenticationStatus status =
          security.authenticate(
              request,
              response,
              AuthenticationParameters.withParams()
                  .newAuthentication(true)
                  .credential(new OidcCredential(identity, request.getRemoteAddr())));
      if (status == AuthenticationStatus.SUCCESS) {
        request.changeSessionId();
        response.sendRedirect(request.getContextPath() + "/app/index.xhtml");
      } else if (!response.isCommitted()) {
        Object reason = request.getAttribute(OidcIdentityStore.REFUSED);
        response.sendError(403, reason == null ? "Sign-in refused." : reason.toString());
      }
    }
  }
}
