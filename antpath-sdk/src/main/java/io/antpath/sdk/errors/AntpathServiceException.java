package io.antpath.sdk.errors;

import java.util.Optional;

/**
 * The server answered with an error status. Carries the HTTP status, the stable error {@code code}
 * of the problem document, and the request id to quote in a support request. Never carries secrets.
 */
public class AntpathServiceException extends AntpathException {
  private static final long serialVersionUID = 1L;
  private final int statusCode;
  private final String code;
  private final String requestId;
  private final String body;

  public AntpathServiceException(
      int statusCode, String code, String detail, String requestId, String body) {
    super(message(statusCode, code, detail, requestId), null);
    this.statusCode = statusCode;
    this.code = code;
    this.requestId = requestId;
    this.body = body;
  }

  /** Kept for callers of the first SDK version: status, request id and body only. */
  public AntpathServiceException(int statusCode, String requestId, String body) {
    this(statusCode, null, null, requestId, body);
  }

  private static String message(int status, String code, String detail, String requestId) {
    StringBuilder m = new StringBuilder("antpath answered HTTP ").append(status);
    if (code != null) {
      m.append(" ").append(code);
    }
    if (detail != null) {
      m.append(": ").append(detail);
    }
    if (requestId != null) {
      m.append(" (request ").append(requestId).append(")");
    }
    return m.toString();
  }

  public int statusCode() {
    return statusCode;
  }

  /** The stable error code, e.g. {@code idempotency_conflict}. */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  public String body() {
    return body;
  }
}
