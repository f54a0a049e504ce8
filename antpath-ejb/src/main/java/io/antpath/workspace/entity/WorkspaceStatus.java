package io.antpath.workspace.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum WorkspaceStatus {
  ACTIVE,
  PENDING_DELETE;

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The constant whose {@link #wire()} is {@code wire}; no other spelling is accepted. */
  public static WorkspaceStatus fromWire(String wire) {
    for (WorkspaceStatus value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not a WorkspaceStatus: " + wire);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<WorkspaceStatus> {
    public Converter() {
      super(WorkspaceStatus.class);
    }
  }
}
