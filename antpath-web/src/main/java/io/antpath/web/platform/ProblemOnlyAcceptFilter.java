package io.antpath.web.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * A request that accepts nothing but the problem document is served as if it accepted anything.
 * Clients generated from the OpenAPI document send {@code Accept: application/problem+json} alone
 * for an operation whose success has no JSON body (a 204, an event stream): they prefer a JSON type
 * and the problem document is the only one listed. Refusing them with 406 would make those
 * operations unusable; RFC 9110 lets a server disregard Accept instead, and errors still come as
 * problem documents whatever was asked.
 */
@Provider
@PreMatching
@Priority(3)
public class ProblemOnlyAcceptFilter implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    List<MediaType> accepted = request.getAcceptableMediaTypes();
    if (!accepted.isEmpty()
        && accepted.stream()
            .allMatch(
                m ->
                    m.getType().equalsIgnoreCase("application")
                        && m.getSubtype().equalsIgnoreCase("problem+json"))) {
      request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.WILDCARD);
    }
  }
}
