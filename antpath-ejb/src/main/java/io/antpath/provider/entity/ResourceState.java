package io.antpath.provider.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum ResourceState {
  INTENDED,
  CREATED,
  DELETED,
  RETAINED,
  FAILED;

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The constant whose {@link #wire()} is {@code wire}; no other spelling is accepted. */
  public static ResourceState fromWire(String wire) {
    for (ResourceState value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not a ResourceState: " + wire);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<ResourceState> {
    public Converter() {
      super(ResourceState.class);
    }
  }
}
