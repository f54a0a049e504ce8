package io.antpath.web.platform;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is a sane token, else a new
 * one) and returns it on every response, errors included.
 */
@Provider
@PreMatching
@Priority(1)
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
  @Inject RequestId requestId;

  public static final String HEADER = "X-Request-Id";

  @Override
  public void filter(ContainerRequestContext request) {
    requestId.assign(request.getHeaderString(HEADER));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle(HEADER, requestId.get());
  }
}
