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

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<ResourceState> {
    public Converter() {
      super(ResourceState.class);
    }
  }
}
