package io.antpath.web.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Headers on every API response: {@code X-Content-Type-Options: nosniff}, and {@code Cache-Control:
 * no-store} unless the resource chose its own. Every authenticated answer is tenant data and some
 * carry a secret (a new token) or a signed link, so nothing of the API may sit in a shared or
 * browser cache.
 */
@Provider
public class ApiHeadersFilter implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    if (!response.getHeaders().containsKey("Cache-Control")) {
      response.getHeaders().putSingle("Cache-Control", "no-store");
    }
  }
}
