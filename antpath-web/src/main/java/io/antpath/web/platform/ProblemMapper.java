package io.antpath.web.platform;

import io.antpath.platform.DomainException;
import io.antpath.ratelimit.entity.RateLimitedException;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Maps every failure to {@code application/problem+json}, exactly once. Domain failures carry their
 * own status and code; framework failures get stable codes; anything unexpected is a 500 {@code
 * internal_error} whose detail says only the request id (the log has the rest).
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

  @Inject RequestId requestIds;

  @Override
  public Response toResponse(Throwable failure) {
    String requestId = requestIds.get();
    Throwable cause = unwrap(failure);
    if (cause instanceof DomainException e) {
      Response.ResponseBuilder response =
          respond(Problem.of(e.status(), e.code(), e.title(), e.getMessage(), requestId));
      if (e instanceof RateLimitedException limited) {
        response.header("Retry-After", Math.max(1, limited.retryAfter().toSeconds() + 1));
      }
      return response.build();
    }
    if (cause instanceof JsonbException
        || cause instanceof JsonException
        || cause instanceof ProcessingException) {
      return respond(
              Problem.of(
                  400,
                  "invalid_request",
                  "Invalid request",
                  "the request body is not valid JSON for this endpoint (unknown fields are refused)",
                  requestId))
          .build();
    }
    if (cause instanceof WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status < 500) {
        return respond(
                Problem.of(
                    status,
                    codeOf(status),
                    e.getResponse().getStatusInfo().getReasonPhrase(),
                    detailOf(status),
                    requestId))
            .build();
      }
    }
    LOG.log(Level.SEVERE, "unexpected failure in request " + requestId, failure);
    return respond(
            Problem.of(
                500,
                "internal_error",
                "Internal error",
                "something went wrong on our side; quote request " + requestId,
                requestId))
        .build();
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof jakarta.ejb.EJBException
            || t.getClass().getName().endsWith("TransactionRolledbackLocalException"))
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static Response.ResponseBuilder respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
  }

  private static String codeOf(int status) {
    return switch (status) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 415 -> "unsupported_media_type";
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      default -> "invalid_request";
    };
  }

  private static String detailOf(int status) {
    return switch (status) {
      case 404 -> "no such resource";
      case 405 -> "this method is not supported here";
      case 415 -> "send application/json";
      case 406 -> "this resource answers application/json";
      default -> "the request could not be processed";
    };
  }
}
