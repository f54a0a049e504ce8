package io.antpath.workspace.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum WorkspaceStatus {
  ACTIVE,
  PENDING_DELETE;

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<WorkspaceStatus> {
    public Converter() {
      super(WorkspaceStatus.class);
    }
  }
}
