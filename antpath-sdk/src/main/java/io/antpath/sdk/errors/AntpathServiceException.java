package io.antpath.sdk.errors;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
  private final Map<String, List<String>> headers;

  /**
   * Used by the SDK's error mapping; public so tests of your code can create one.
   *
   * @param statusCode the HTTP status
   * @param code the problem's stable error code, or null
   * @param detail the problem's detail, or null
   * @param requestId the request id, or null
   * @param body the response body as received
   */
  public AntpathServiceException(
      int statusCode, String code, String detail, String requestId, String body) {
    this(statusCode, code, detail, requestId, body, Map.of());
  }

  /**
   * Used by the SDK's error mapping; public so tests of your code can create one.
   *
   * @param statusCode the HTTP status
   * @param code the problem's stable error code, or null
   * @param detail the problem's detail, or null
   * @param requestId the request id, or null
   * @param body the response body as received
   * @param headers the response headers
   */
  public AntpathServiceException(
      int statusCode,
      String code,
      String detail,
      String requestId,
      String body,
      Map<String, List<String>> headers) {
    super(message(statusCode, code, detail, requestId), null);
    this.statusCode = statusCode;
    this.code = code;
    this.requestId = requestId;
    this.body = body;
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    (headers == null ? Map.<String, List<String>>of() : headers)
        .forEach((k, v) -> h.put(k, List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(h);
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

  /**
   * The HTTP status.
   *
   * @return the status, e.g. 409
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The stable error code as sent, e.g. {@code idempotency_conflict}.
   *
   * @return the code, when the body was a problem document with one
   */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /**
   * The stable error code as a constant, for {@code switch}.
   *
   * @return the code, or {@link ErrorCode#UNKNOWN} when absent or new
   */
  public ErrorCode errorCode() {
    return ErrorCode.of(code);
  }

  /**
   * The request id to quote in a support request ({@code X-Request-Id}).
   *
   * @return the request id, when the server sent one
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * The response headers, e.g. {@code Retry-After} or {@code X-Request-Id}; names are compared
   * without regard to case.
   *
   * @return the headers, empty when the exception was not built from a response
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The first value of a response header.
   *
   * @param name the header's name, in any case
   * @return its first value, when the response had it
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The response body as received (a problem document; never secrets).
   *
   * @return the body, possibly empty
   */
  public String body() {
    return body;
  }
}
