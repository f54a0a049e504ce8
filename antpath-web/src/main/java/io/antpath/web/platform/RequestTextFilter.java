package io.antpath.web.platform;

import io.antpath.access.entity.InvalidRequestException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * Refuses (400) a request whose decoded path or query parameters hold text the database cannot
 * store or compare (U+0000, unpaired surrogates): a filter value with {@code %00} must not reach
 * PostgreSQL as a parameter and come back as a 500. Bodies are checked by {@link JsonBodyGuard}.
 */
@Provider
@PreMatching
@Priority(2)
public class RequestTextFilter implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    try {
      check(request);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("the request URI has a malformed percent-encoding");
    }
  }

  private static void check(ContainerRequestContext request) {
    TextRules.requireStorable(request.getUriInfo().getPath(true), "the request path");
    for (Map.Entry<String, List<String>> p :
        request.getUriInfo().getQueryParameters(true).entrySet()) {
      TextRules.requireStorable(p.getKey(), "a query parameter name");
      for (String v : p.getValue()) {
        TextRules.requireStorable(v, "query parameter " + safeName(p.getKey()));
      }
    }
  }

  private static String safeName(String name) {
    return name.matches("^[A-Za-z0-9._-]{1,64}$") ? name : "(name)";
  }
}
