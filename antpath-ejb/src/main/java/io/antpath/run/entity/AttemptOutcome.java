package io.antpath.run.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum AttemptOutcome {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  CANCELED,
  LOST;

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<AttemptOutcome> {
    public Converter() {
      super(AttemptOutcome.class);
    }
  }
}
