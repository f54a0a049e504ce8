package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a run failed, as a class of failure. {@link #UNKNOWN} stands for a value this SDK version
 * does not know yet, so a newer server does not break older clients.
 */
public enum FailureClass {
  /** A temporary provider or network failure; submitting again may work. */
  TRANSIENT,
  /** Caused by the submission or its secrets (e.g. a rejected API key); fix them first. */
  TENANT_PERMANENT,
  /** The provider refused the request permanently. */
  PROVIDER_PERMANENT,
  /** antpath failed; quote the run id in a support request. */
  INTERNAL,
  /** A value this SDK version does not know. */
  UNKNOWN;

  /**
   * The value as the API writes it.
   *
   * @return the lower-case wire value
   */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant for a wire value.
   *
   * @param value the value as the API writes it
   * @return its constant, or {@link #UNKNOWN}; null for null
   */
  @JsonCreator
  public static FailureClass of(String value) {
    if (value == null) {
      return null;
    }
    for (FailureClass v : values()) {
      if (v != UNKNOWN && v.value().equals(value)) {
        return v;
      }
    }
    return UNKNOWN;
  }

  /** The wire value, e.g. for printing. */
  @Override
  public String toString() {
    return value();
  }
}
