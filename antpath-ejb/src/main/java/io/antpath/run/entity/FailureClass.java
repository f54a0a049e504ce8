package io.antpath.run.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum FailureClass {
  TRANSIENT,
  TENANT_PERMANENT,
  PROVIDER_PERMANENT,
  INTERNAL;

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The constant whose {@link #wire()} is {@code wire}; no other spelling is accepted. */
  public static FailureClass fromWire(String wire) {
    for (FailureClass value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not a FailureClass: " + wire);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<FailureClass> {
    public Converter() {
      super(FailureClass.class);
    }
  }
}
