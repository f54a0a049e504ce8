package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where the cleanup of a run's provider resources (session, agent, environment, vault) stands.
 * {@link #UNKNOWN} stands for a value this SDK version does not know yet, so a newer server does
 * not break older clients.
 */
public enum CleanupStatus {
  /** Not started: the run is not terminal yet. */
  PENDING,
  /** Running or retrying; {@link Run#cleanupError()} says what is left when it retries. */
  IN_PROGRESS,
  /** Everything the run created at the provider is gone (or retained on request). */
  DONE,
  /** Gave up; {@link Run#cleanupError()} says what is left and what to do. */
  FAILED,
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
  public static CleanupStatus of(String value) {
    if (value == null) {
      return null;
    }
    for (CleanupStatus v : values()) {
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
