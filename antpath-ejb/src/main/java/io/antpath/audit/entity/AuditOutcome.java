package io.antpath.audit.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum AuditOutcome {
  SUCCESS,
  FAILURE,
  DENIED;

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<AuditOutcome> {
    public Converter() {
      super(AuditOutcome.class);
    }
  }
}
