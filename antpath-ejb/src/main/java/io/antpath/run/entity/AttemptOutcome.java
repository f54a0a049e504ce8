package io.antpath.run.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum AttemptOutcome {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  CANCELED,
  LOST;

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The constant whose {@link #wire()} is {@code wire}; no other spelling is accepted. */
  public static AttemptOutcome fromWire(String wire) {
    for (AttemptOutcome value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not a AttemptOutcome: " + wire);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<AttemptOutcome> {
    public Converter() {
      super(AttemptOutcome.class);
    }
  }
}
