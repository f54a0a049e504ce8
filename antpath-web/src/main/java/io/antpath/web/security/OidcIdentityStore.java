package io.antpath.web.security;

import io.antpath.identity.boundary.Logins;
import io.antpath.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/** Turns a verified OpenID Connect identity into an antpath user (created at first sign-in). */
@ApplicationScoped
public class OidcIdentityStore implements IdentityStore {
  /** Request attribute with the reason a verified identity was still refused. */
  public static final String REFUSED = "antpath.oidc.refused";

  @Inject Logins logins;
  @Inject jakarta.servlet.http.HttpServletRequest request;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof OidcCredential oidc)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    OidcClient.Identity id = oidc.identity();
    try {
      return new CredentialValidationResult(
          logins
              .oidcSignIn(id.issuer(), id.subject(), id.email(), id.name(), oidc.clientAddress())
              .toString(),
          Set.of(DashboardSecurity.USER));
    } catch (DomainException e) {
      request.setAttribute(REFUSED, e.getMessage());
      return CredentialValidationResult.INVALID_RESULT;
    }
  }
}
