package io.antpath.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * The dashboard (everything under {@code /app/}) needs a signed-in user; unauthenticated visitors
 * are redirected to the sign-in page, which authenticates through {@link LocalIdentityStore}.
 */
@ApplicationScoped
@DeclareRoles(DashboardSecurity.USER)
@CustomFormAuthenticationMechanismDefinition(
    loginToContinue =
        @LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false))
public class DashboardSecurity {
  public static final String USER = "user";
}
