package io.antpath.run.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum AttemptOutcome {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  CANCELED,
  LOST;

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<AttemptOutcome> {
    public Converter() {
      super(AttemptOutcome.class);
    }
  }
}
