package io.antpath.web.security;

import io.antpath.identity.boundary.Logins;
import io.antpath.ratelimit.entity.RateLimitedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Validates e-mail and password against antpath's own accounts. The caller principal is the user
 * id; every signed-in user has the role {@code user} (what a user may do in a workspace is decided
 * per workspace by its membership role).
 */
@ApplicationScoped
public class LocalIdentityStore implements IdentityStore {
  /** Request attribute set when sign-in was refused by the rate limit, for the sign-in page. */
  public static final String RATE_LIMITED = "antpath.login.rateLimited";

  @Inject Logins logins;
  @Inject HttpServletRequest request;

  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    try {
      return logins
          .authenticate(
              credential.getCaller(), credential.getPasswordAsString(), request.getRemoteAddr())
          .map(id -> new CredentialValidationResult(id.toString(), Set.of(DashboardSecurity.USER)))
          .orElse(CredentialValidationResult.INVALID_RESULT);
    } catch (RateLimitedException e) {
      request.setAttribute(RATE_LIMITED, e.retryAfter().toSeconds() + 1);
      return CredentialValidationResult.INVALID_RESULT;
    }
  }
}
