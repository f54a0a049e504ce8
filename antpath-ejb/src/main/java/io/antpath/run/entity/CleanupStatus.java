package io.antpath.run.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum CleanupStatus {
  PENDING,
  IN_PROGRESS,
  DONE,
  FAILED;

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The constant whose {@link #wire()} is {@code wire}; no other spelling is accepted. */
  public static CleanupStatus fromWire(String wire) {
    for (CleanupStatus value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not a CleanupStatus: " + wire);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<CleanupStatus> {
    public Converter() {
      super(CleanupStatus.class);
    }
  }
}
