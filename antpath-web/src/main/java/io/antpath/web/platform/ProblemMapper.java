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
                  "the request body is not valid JSON for this endpoint (unknown fields are"
                      + " refused)",
                  requestId))
          .build();
    }
    if (cause instanceof WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status < 500) {
        Response.ResponseBuilder response = respond(standard(status, requestId));
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
          response.header("Allow", allow);
        }
        return response.build();
      }
    }
    if (isConcurrentUpdate(cause)) {
      return respond(
              Problem.of(
                  409,
                  "concurrent_update",
                  "Concurrent update",
                  "another request changed this resource at the same moment; retry",
                  requestId))
          .build();
    }
    if (isDatabaseUnavailable(cause)) {
      // Restarted, cut off, or every connection slot taken: nothing was half-written (the
      // transaction rolled back), and the same request may well succeed in a moment.
      LOG.warning(
          "request "
              + requestId
              + ": the database is unavailable ("
              + io.antpath.platform.Redacted.describe(cause)
              + "); answered 503");
      return respond(standard(503, requestId)).header("Retry-After", 1).build();
    }
    LOG.log(Level.SEVERE, "unexpected failure in request " + requestId, failure);
    return respond(standard(500, requestId)).build();
  }

  /**
   * The problem document for a bare status (a framework failure, or an error status the container
   * would otherwise answer with its own page): a stable code and a detail that names no class.
   */
  public static Problem standard(int status, String requestId) {
    return switch (status) {
      case 400 ->
          Problem.of(400, "invalid_request", "Bad Request", "the request is malformed", requestId);
      case 401 ->
          Problem.of(
              401,
              "unauthenticated",
              "Unauthorized",
              "send Authorization: Bearer <api token>",
              requestId);
      case 403 -> Problem.of(403, "forbidden", "Forbidden", "not allowed", requestId);
      case 404 -> Problem.of(404, "not_found", "Not Found", "no such resource", requestId);
      case 405 ->
          Problem.of(
              405,
              "method_not_allowed",
              "Method Not Allowed",
              "this method is not supported here",
              requestId);
      case 406 ->
          Problem.of(
              406,
              "not_acceptable",
              "Not Acceptable",
              "this resource answers application/json",
              requestId);
      case 413 ->
          Problem.of(
              413,
              "payload_too_large",
              "Payload Too Large",
              "the request body is too large",
              requestId);
      case 415 ->
          Problem.of(
              415,
              "unsupported_media_type",
              "Unsupported Media Type",
              "send application/json",
              requestId);
      case 416 ->
          Problem.of(
              416,
              "range_not_satisfiable",
              "Range Not Satisfiable",
              "the range is outside the file; see Content-Range",
              requestId);
      case 429 ->
          Problem.of(
              429,
              "rate_limited",
              "Too Many Requests",
              "too many requests; retry later",
              requestId);
      case 503 ->
          Problem.of(
              503,
              "unavailable",
              "Service Unavailable",
              "the service is not ready; retry later",
              requestId);
      default ->
          status >= 500
              ? Problem.of(
                  500,
                  "internal_error",
                  "Internal error",
                  "something went wrong on our side; quote request " + requestId,
                  requestId)
              : Problem.of(
                  status,
                  "invalid_request",
                  "Invalid request",
                  "the request could not be processed",
                  requestId);
    };
  }

  /**
   * The database could not be reached or refused a connection: a connection failure (SQLState class
   * 08), too many connections (53300), a server shutting down or starting (57P01-57P03), or the
   * pool unable to allocate a connection.
   */
  static boolean isDatabaseUnavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.equals("53300") || state.startsWith("57P0")) {
          return true;
        }
      }
      String name = c.getClass().getName();
      if (name.endsWith(".JDBCConnectionException")
          || name.endsWith(".PoolingException")
          || (c.getMessage() != null
              && c.getMessage().contains("Error in allocating a connection"))) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** A lost race on one row: serialised elsewhere, but never a 500 if it still happens. */
  private static boolean isConcurrentUpdate(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof jakarta.persistence.OptimisticLockException
          || c instanceof jakarta.persistence.PessimisticLockException
          || c instanceof jakarta.persistence.LockTimeoutException
          || c.getClass().getName().endsWith("StaleObjectStateException")) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
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
}
