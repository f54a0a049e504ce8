package io.antpath.capture.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum CaptureFailureReason {
  WORKSPACE_QUOTA_EXCEEDED,
  DOWNLOAD_FAILED,
  LISTING_FAILED,
  STORAGE_FAILED;

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The constant whose {@link #wire()} is {@code wire}; no other spelling is accepted. */
  public static CaptureFailureReason fromWire(String wire) {
    for (CaptureFailureReason value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not a CaptureFailureReason: " + wire);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<CaptureFailureReason> {
    public Converter() {
      super(CaptureFailureReason.class);
    }
  }
}
