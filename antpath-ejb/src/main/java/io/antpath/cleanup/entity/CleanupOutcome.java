package io.antpath.cleanup.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum CleanupOutcome {
  STARTED,
  SUCCEEDED,
  ALREADY_GONE,
  SKIPPED,
  FAILED;

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<CleanupOutcome> {
    public Converter() {
      super(CleanupOutcome.class);
    }
  }
}
