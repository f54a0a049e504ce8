package io.antpath.access.entity;

import java.util.Arrays;
import java.util.Optional;

/** What an API token may do. Wire form: {@code runs:read} and so on. */
public enum Scope {
  RUNS_READ("runs:read"),
  RUNS_WRITE("runs:write"),
  OUTPUTS_READ("outputs:read"),
  TOKENS_ADMIN("tokens:admin");

  private final String code;

  Scope(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<Scope> fromCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
  }
}
