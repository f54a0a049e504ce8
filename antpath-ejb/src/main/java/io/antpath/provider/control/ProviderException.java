package io.antpath.provider.control;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider call that failed, classified for the retry policy. The message is safe to store and
 * show: HTTP status, the API's error type and request id, never a key or a response body.
 */
public final class ProviderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How a failure is handled. */
  public enum ErrorClass {
    /** 429, 5xx, timeouts, connection failures: retried with backoff. */
    TRANSIENT,
    /** The user's key is invalid, revoked or lacks permission: the run fails, no retry. */
    TENANT_PERMANENT,
    /** A request the provider refuses (other 4xx) or an answer we cannot read. */
    PROVIDER_PERMANENT,
    /** Our own fault. */
    INTERNAL;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final ErrorClass errorClass;
  private final String code;
  private final int status;
  private final transient Duration retryAfter;

  public ProviderException(
      ErrorClass errorClass, String code, int status, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.errorClass = errorClass;
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public ErrorClass errorClass() {
    return errorClass;
  }

  /**
   * Stable short code, e.g. {@code provider_authentication_error} or {@code provider_unreachable}.
   */
  public String code() {
    return code;
  }

  /** The HTTP status, 0 when there was no answer. */
  public int status() {
    return status;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public boolean isNotFound() {
    return status == 404;
  }
}
