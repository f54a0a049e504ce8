package io.antpath.web.platform;

import io.antpath.access.entity.NotAuthenticatedException;
import io.antpath.token.boundary.ApiTokens;
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
 * Authenticates {@code Authorization: Bearer <token>} on every non-public endpoint. A missing
 * header answers 401 {@code unauthenticated}; anything else that is not a usable token (malformed,
 * unknown, revoked, expired) answers 401 {@code invalid_token} with the same detail, so the
 * response never says which.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter {
  private static final String BEARER = "Bearer ";

  @Context ResourceInfo resource;
  @Context HttpServletRequest http;
  @Inject ApiTokens tokens;
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
    callerContext.set(
        tokens
            .authenticate(secret, http.getRemoteAddr(), requestId.get())
            .orElseThrow(
                () ->
                    new NotAuthenticatedException("invalid_token", "the API token is not valid")));
  }

  private boolean isPublic() {
    return resource.getResourceMethod() != null
        && (resource.getResourceMethod().isAnnotationPresent(Public.class)
            || resource.getResourceClass().isAnnotationPresent(Public.class));
  }
}
