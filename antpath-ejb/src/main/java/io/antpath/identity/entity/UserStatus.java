package io.antpath.identity.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum UserStatus {
  ACTIVE,
  DISABLED,
  PENDING_DELETE;

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The constant whose {@link #wire()} is {@code wire}; no other spelling is accepted. */
  public static UserStatus fromWire(String wire) {
    for (UserStatus value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not a UserStatus: " + wire);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<UserStatus> {
    public Converter() {
      super(UserStatus.class);
    }
  }
}
