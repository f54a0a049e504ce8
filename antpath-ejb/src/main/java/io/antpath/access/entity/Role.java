package io.antpath.access.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

/** A member's role in a workspace, strongest first. */
public enum Role {
  OWNER,
  ADMIN,
  MEMBER,
  VIEWER;

  /** True when this role has at least the rights of {@code other}. */
  public boolean atLeast(Role other) {
    return ordinal() <= other.ordinal();
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<Role> {
    public Converter() {
      super(Role.class);
    }
  }
}
