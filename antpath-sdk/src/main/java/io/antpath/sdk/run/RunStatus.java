package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The status of a run: {@code queued → starting → running →} one of the terminal ones. {@link
 * #UNKNOWN} stands for a value this SDK version does not know yet, so a newer server does not break
 * older clients.
 */
public enum RunStatus {
  /** Accepted, waiting for a worker slot. */
  QUEUED,
  /** A worker is creating the provider resources. */
  STARTING,
  /** The agent session is running. */
  RUNNING,
  /** Terminal: the session finished. */
  SUCCEEDED,
  /** Terminal: the run failed; see {@link Run#failureInfo()}. */
  FAILED,
  /** Terminal: the run hit its {@code timeoutSeconds}. */
  TIMED_OUT,
  /** Terminal: the run was canceled. */
  CANCELED,
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
  public static RunStatus of(String value) {
    if (value == null) {
      return null;
    }
    for (RunStatus v : values()) {
      if (v != UNKNOWN && v.value().equals(value)) {
        return v;
      }
    }
    return UNKNOWN;
  }

  /**
   * Whether the status never changes again ({@code succeeded}, {@code failed}, {@code timed_out},
   * {@code canceled}).
   *
   * @return true for a terminal status
   */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == TIMED_OUT || this == CANCELED;
  }

  /** The wire value, e.g. for printing. */
  @Override
  public String toString() {
    return value();
  }
}
