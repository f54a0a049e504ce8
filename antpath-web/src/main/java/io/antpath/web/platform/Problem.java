package io.antpath.web.platform;

/**
 * The one error shape of the API ({@code application/problem+json}, RFC 9457) with antpath's stable
 * {@code code} and the request id to quote in a support request.
 */
public record Problem(
    String type, String title, int status, String detail, String code, String requestId) {
  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(int status, String code, String title, String detail, String requestId) {
    return new Problem(
        "https://antpath.io/problems/" + code.replace('_', '-'),
        title,
        status,
        detail,
        code,
        requestId);
  }
}
