package io.antpath.run.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum CleanupStatus {
  PENDING,
  IN_PROGRESS,
  DONE,
  FAILED;

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<CleanupStatus> {
    public Converter() {
      super(CleanupStatus.class);
    }
  }
}
