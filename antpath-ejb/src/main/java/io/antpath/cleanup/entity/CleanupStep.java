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

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<CleanupStep> {
    public Converter() {
      super(CleanupStep.class);
    }
  }
}
