package io.antpath.access.entity;

/** Everything a caller can ask to do inside a workspace. */
public enum Action {
  WORKSPACE_READ,
  RUNS_READ,
  RUNS_WRITE,
  OUTPUTS_READ,
  TOKENS_ADMIN,
  MEMBERS_ADMIN,
  WORKSPACE_ADMIN
}
