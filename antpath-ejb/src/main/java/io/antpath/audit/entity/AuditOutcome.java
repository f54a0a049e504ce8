package io.antpath.audit.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum AuditOutcome {
  SUCCESS,
  FAILURE,
  DENIED;

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The constant whose {@link #wire()} is {@code wire}; no other spelling is accepted. */
  public static AuditOutcome fromWire(String wire) {
    for (AuditOutcome value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not a AuditOutcome: " + wire);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<AuditOutcome> {
    public Converter() {
      super(AuditOutcome.class);
    }
  }
}
