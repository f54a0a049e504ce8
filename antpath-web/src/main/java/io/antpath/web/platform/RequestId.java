package io.antpath.web.platform;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * The current request's id, set by {@link RequestIdFilter}; read by the error mapper and auditing.
 */
@RequestScoped
public class RequestId {
  private String value;

  void set(String id) {
    this.value = id;
  }

  public String get() {
    if (value == null) {
      value = "req_" + UUID.randomUUID();
    }
    return value;
  }
}
