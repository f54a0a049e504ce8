package io.antpath.provider.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum ResourceKind {
  AGENT,
  ENVIRONMENT,
  VAULT,
  CREDENTIAL,
  SESSION,
  FILE,
  SKILL;

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The constant whose {@link #wire()} is {@code wire}; no other spelling is accepted. */
  public static ResourceKind fromWire(String wire) {
    for (ResourceKind value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not a ResourceKind: " + wire);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<ResourceKind> {
    public Converter() {
      super(ResourceKind.class);
    }
  }
}
