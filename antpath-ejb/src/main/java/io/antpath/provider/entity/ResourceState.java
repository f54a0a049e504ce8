package io.antpath.provider.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum ResourceState {
  INTENDED,
  CREATED,
  DELETED,
  RETAINED,
  FAILED;

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<ResourceState> {
    public Converter() {
      super(ResourceState.class);
    }
  }
}
