package io.antpath.web.platform;

import io.antpath.access.entity.Caller;
import io.antpath.access.entity.NotAuthenticatedException;
import io.antpath.identity.boundary.SsoCallers;
import io.antpath.token.boundary.ApiTokens;
import io.antpath.web.security.ApiAccessTokens;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Authenticates {@code Authorization: Bearer <token>} on every non-public endpoint. The token is
 * either an antpath API token ({@code apt_...}, bound to one workspace with scopes) or, when an
 * OpenID Connect provider is configured, one of its access tokens (a JWT, see {@link
 * ApiAccessTokens}); the latter acts as its user in the workspace the {@value #WORKSPACE_HEADER}
 * header names (or their only one) with their role there ({@link SsoCallers}).
 *
 * <p>A missing header answers 401 {@code unauthenticated}; anything else that is not a usable token
 * (malformed, unknown, revoked, expired; for a JWT also another issuer, audience or key) answers
 * 401 {@code invalid_token} with the same detail, so the response never says which.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter {
  private static final String BEARER = "Bearer ";

  /** Names the workspace a request with an OpenID Connect access token acts on (slug or id). */
  public static final String WORKSPACE_HEADER = "Antpath-Workspace";

  @Context ResourceInfo resource;
  @Context HttpServletRequest http;
  @Inject ApiTokens tokens;
  @Inject ApiAccessTokens accessTokens;
  @Inject SsoCallers ssoCallers;
  @Inject CallerContext callerContext;
  @Inject RequestId requestId;

  @Override
  public void filter(ContainerRequestContext request) {
    if (isPublic()) {
      return;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      throw new NotAuthenticatedException(
          "unauthenticated", "send Authorization: Bearer <api token>");
    }
    String secret =
        header.regionMatches(true, 0, BEARER, 0, BEARER.length())
            ? header.substring(BEARER.length()).trim()
            : "";
    if (ApiAccessTokens.looksLikeJwt(secret)) {
      callerContext.set(ssoCaller(secret, request.getHeaderString(WORKSPACE_HEADER)));
      return;
    }
    callerContext.set(
        tokens
            .authenticate(secret, http.getRemoteAddr(), requestId.get())
            .orElseThrow(
                () ->
                    new NotAuthenticatedException("invalid_token", "the API token is not valid")));
  }

  private Caller ssoCaller(String jwt, String workspace) {
    ApiAccessTokens.Identity identity =
        accessTokens
            .verify(jwt)
            .orElseThrow(
                () ->
                    new NotAuthenticatedException(
                        "invalid_token", "the access token is not valid"));
    return ssoCallers.caller(
        identity.issuer(),
        identity.subject(),
        workspace == null || workspace.isBlank() ? null : workspace.trim(),
        http.getRemoteAddr(),
        requestId.get());
  }

  private boolean isPublic() {
    return resource.getResourceMethod() != null
        && (resource.getResourceMethod().isAnnotationPresent(Public.class)
            || resource.getResourceClass().isAnnotationPresent(Public.class));
  }
}
