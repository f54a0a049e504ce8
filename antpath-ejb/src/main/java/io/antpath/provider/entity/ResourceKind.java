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

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<ResourceKind> {
    public Converter() {
      super(ResourceKind.class);
    }
  }
}
