package io.antpath.cleanup.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum CleanupOutcome {
  STARTED,
  SUCCEEDED,
  ALREADY_GONE,
  SKIPPED,
  FAILED;

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The constant whose {@link #wire()} is {@code wire}; no other spelling is accepted. */
  public static CleanupOutcome fromWire(String wire) {
    for (CleanupOutcome value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not a CleanupOutcome: " + wire);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<CleanupOutcome> {
    public Converter() {
      super(CleanupOutcome.class);
    }
  }
}
