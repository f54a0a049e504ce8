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

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<ResourceKind> {
    public Converter() {
      super(ResourceKind.class);
    }
  }
}
