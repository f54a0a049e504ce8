package io.antpath.access.control;

import io.antpath.access.entity.AccessDeniedException;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.Role;
import io.antpath.access.entity.Scope;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Roles × scopes × actions, in one table. Owners do everything; admins manage members and tokens;
 * members submit and manage runs; viewers read. A token may do what its scopes say, and any valid
 * token may read its own workspace.
 */
public final class AccessPolicy {
  private static final Map<Role, Set<Action>> ROLES =
      Map.of(
          Role.OWNER, EnumSet.allOf(Action.class),
          Role.ADMIN, EnumSet.complementOf(EnumSet.of(Action.WORKSPACE_ADMIN)),
          Role.MEMBER,
              EnumSet.of(
                  Action.WORKSPACE_READ, Action.RUNS_READ, Action.RUNS_WRITE, Action.OUTPUTS_READ),
          Role.VIEWER, EnumSet.of(Action.WORKSPACE_READ, Action.RUNS_READ, Action.OUTPUTS_READ));

  private static final Map<Scope, Action> SCOPES =
      Map.of(
          Scope.RUNS_READ, Action.RUNS_READ,
          Scope.RUNS_WRITE, Action.RUNS_WRITE,
          Scope.OUTPUTS_READ, Action.OUTPUTS_READ,
          Scope.TOKENS_ADMIN, Action.TOKENS_ADMIN);

  private AccessPolicy() {}

  public static boolean permits(Caller caller, Action action) {
    if (caller.isToken()) {
      return action == Action.WORKSPACE_READ
          || caller.scopes().stream().anyMatch(s -> SCOPES.get(s) == action);
    }
    return ROLES.get(caller.role()).contains(action);
  }

  /**
   * @throws AccessDeniedException when the caller may not perform the action
   */
  public static void require(Caller caller, Action action) {
    if (!permits(caller, action)) {
      throw new AccessDeniedException(action);
    }
  }
}
