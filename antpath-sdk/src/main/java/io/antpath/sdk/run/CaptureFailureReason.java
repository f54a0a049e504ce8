package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a file of the session was not captured. {@link #UNKNOWN} stands for a value this SDK version
 * does not know yet, so a newer server does not break older clients.
 */
public enum CaptureFailureReason {
  /** The workspace storage cap is reached. */
  WORKSPACE_QUOTA_EXCEEDED,
  /** The file could not be downloaded from the provider, or was larger than announced. */
  DOWNLOAD_FAILED,
  /** The session's file listing could not be read. */
  LISTING_FAILED,
  /** antpath's storage could not keep the file. */
  STORAGE_FAILED,
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
  public static CaptureFailureReason of(String value) {
    if (value == null) {
      return null;
    }
    for (CaptureFailureReason v : values()) {
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
