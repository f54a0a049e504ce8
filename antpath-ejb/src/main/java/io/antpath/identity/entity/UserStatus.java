package io.antpath.identity.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum UserStatus {
  ACTIVE,
  DISABLED,
  PENDING_DELETE;

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<UserStatus> {
    public Converter() {
      super(UserStatus.class);
    }
  }
}
