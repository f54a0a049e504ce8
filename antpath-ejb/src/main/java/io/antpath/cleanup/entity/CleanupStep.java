package io.antpath.cleanup.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum CleanupStep {
  CAPTURE,
  SESSION_FILES,
  SESSION,
  AGENT,
  ENVIRONMENT,
  SKILLS,
  PROVIDER_VAULT,
  VAULT_ENTRY,
  STORAGE,
  METADATA;

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The constant whose {@link #wire()} is {@code wire}; no other spelling is accepted. */
  public static CleanupStep fromWire(String wire) {
    for (CleanupStep value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not a CleanupStep: " + wire);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<CleanupStep> {
    public Converter() {
      super(CleanupStep.class);
    }
  }
}
