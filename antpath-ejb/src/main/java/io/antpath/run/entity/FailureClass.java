package io.antpath.run.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum FailureClass {
  TRANSIENT,
  TENANT_PERMANENT,
  PROVIDER_PERMANENT,
  INTERNAL;

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<FailureClass> {
    public Converter() {
      super(FailureClass.class);
    }
  }
}
