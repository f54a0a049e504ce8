package io.antpath.web.platform;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The current request's id: the client's {@code X-Request-Id} when it is a sane token, else a new
 * one. Assigned once per request by whichever runs first, the servlet-level {@link
 * ApiErrorFallback} or {@link RequestIdFilter}; read by the error mapper and auditing.
 */
@RequestScoped
public class RequestId {
  private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._:-]{8,64}$");
  private String value;

  /** Assigns the id unless one is assigned already; returns the request's id. */
  String assign(String offered) {
    if (value == null) {
      value = offered != null && SANE.matcher(offered).matches() ? offered : newId();
    }
    return value;
  }

  public String get() {
    if (value == null) {
      value = newId();
    }
    return value;
  }

  private static String newId() {
    return "req_" + UUID.randomUUID();
  }
}
