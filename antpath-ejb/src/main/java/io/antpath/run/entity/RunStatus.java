package io.antpath.run.entity;

import io.antpath.platform.db.LowerCaseEnumConverter;

public enum RunStatus {
  QUEUED,
  STARTING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  CANCELED;

  /** A terminal status never changes again. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == TIMED_OUT || this == CANCELED;
  }

  /** The terminal statuses, in declaration order. */
  public static java.util.List<RunStatus> terminal() {
    return java.util.Arrays.stream(values()).filter(RunStatus::isTerminal).toList();
  }

  /** The name stored in the database and sent on the wire (lower case). */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The constant whose {@link #wire()} is {@code wire}; no other spelling is accepted. */
  public static RunStatus fromWire(String wire) {
    for (RunStatus value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("not a RunStatus: " + wire);
  }

  @jakarta.persistence.Converter(autoApply = true)
  public static class Converter extends LowerCaseEnumConverter<RunStatus> {
    public Converter() {
      super(RunStatus.class);
    }
  }
}
