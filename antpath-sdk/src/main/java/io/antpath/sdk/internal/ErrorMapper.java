package io.antpath.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antpath.sdk.errors.AntpathServiceException;
import io.antpath.sdk.errors.BadRequestException;
import io.antpath.sdk.errors.ConflictException;
import io.antpath.sdk.errors.IdempotencyConflictException;
import io.antpath.sdk.errors.InternalServerException;
import io.antpath.sdk.errors.NotFoundException;
import io.antpath.sdk.errors.PermissionDeniedException;
import io.antpath.sdk.errors.QuotaExceededException;
import io.antpath.sdk.errors.RateLimitException;
import io.antpath.sdk.errors.RunTerminalException;
import io.antpath.sdk.errors.UnauthorizedException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The one place that turns an error response into the exception for its outcome. */
final class ErrorMapper {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorMapper() {}

  static AntpathServiceException map(int status, String body, HttpHeaders headers) {
    String requestIdHeader = headers.firstValue("X-Request-Id").orElse(null);
    String retryAfter = headers.firstValue("Retry-After").orElse(null);
    Map<String, List<String>> h = headers.map();
    String code = null;
    String detail = null;
    String requestId = requestIdHeader;
    try {
      JsonNode problem = JSON.readTree(body == null ? "" : body);
      if (problem != null && problem.isObject()) {
        code = text(problem, "code");
        detail = text(problem, "detail");
        requestId = requestId != null ? requestId : text(problem, "requestId");
      }
    } catch (Exception notJson) {
      // Keep the status; the body is kept raw on the exception.
    }
    return switch (status) {
      case 400, 422 -> new BadRequestException(status, code, detail, requestId, body, h);
      case 401 -> new UnauthorizedException(status, code, detail, requestId, body, h);
      case 403 -> new PermissionDeniedException(status, code, detail, requestId, body, h);
      case 404 -> new NotFoundException(status, code, detail, requestId, body, h);
      case 409 ->
          switch (code == null ? "" : code) {
            case "idempotency_conflict" ->
                new IdempotencyConflictException(status, code, detail, requestId, body, h);
            case "run_terminal" ->
                new RunTerminalException(status, code, detail, requestId, body, h);
            case "quota_exceeded" ->
                new QuotaExceededException(status, code, detail, requestId, body, h);
            default -> new ConflictException(status, code, detail, requestId, body, h);
          };
      case 429 ->
          new RateLimitException(status, code, detail, requestId, body, h, retryAfter(retryAfter));
      default ->
          status >= 500
              ? new InternalServerException(status, code, detail, requestId, body, h)
              : new AntpathServiceException(status, code, detail, requestId, body, h);
    };
  }

  static Duration retryAfter(String header) {
    return Transport.retryAfter(header, java.time.Clock.systemUTC());
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
