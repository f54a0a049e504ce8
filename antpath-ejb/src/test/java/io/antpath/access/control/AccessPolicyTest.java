package io.antpath.access.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.antpath.access.entity.AccessDeniedException;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.Role;
import io.antpath.access.entity.Scope;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTest {
  private static final UUID WS = UUID.randomUUID();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "OWNER, 'WORKSPACE_READ RUNS_READ RUNS_WRITE OUTPUTS_READ TOKENS_ADMIN MEMBERS_ADMIN WORKSPACE_ADMIN'",
    "ADMIN, 'WORKSPACE_READ RUNS_READ RUNS_WRITE OUTPUTS_READ TOKENS_ADMIN MEMBERS_ADMIN'",
    "MEMBER, 'WORKSPACE_READ RUNS_READ RUNS_WRITE OUTPUTS_READ'",
    "VIEWER, 'WORKSPACE_READ RUNS_READ OUTPUTS_READ'"
  })
  void roles_permitExactlyTheirActions(Role role, String allowed) {
    Caller member = Caller.member(WS, UUID.randomUUID(), role, "127.0.0.1", "req");
    Set<Action> expected = EnumSet.noneOf(Action.class);
    for (String a : allowed.split(" ")) {
      expected.add(Action.valueOf(a));
    }
    for (Action action : Action.values()) {
      assertThat(AccessPolicy.permits(member, action))
          .as("%s %s", role, action)
          .isEqualTo(expected.contains(action));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "RUNS_READ, RUNS_READ",
    "RUNS_WRITE, RUNS_WRITE",
    "OUTPUTS_READ, OUTPUTS_READ",
    "TOKENS_ADMIN, TOKENS_ADMIN"
  })
  void tokenScopes_permitTheirActionAndReadingTheWorkspaceOnly(Scope scope, Action granted) {
    Caller token =
        Caller.token(WS, UUID.randomUUID(), UUID.randomUUID(), Set.of(scope), null, null);
    for (Action action : Action.values()) {
      boolean expected = action == granted || action == Action.WORKSPACE_READ;
      assertThat(AccessPolicy.permits(token, action))
          .as("%s %s", scope, action)
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @CsvSource({"MEMBERS_ADMIN", "WORKSPACE_ADMIN"})
  void tokens_neverManageMembersOrTheWorkspace_evenWithAllScopes(Action action) {
    Caller token =
        Caller.token(WS, UUID.randomUUID(), null, EnumSet.allOf(Scope.class), null, null);
    assertThatThrownBy(() -> AccessPolicy.require(token, action))
        .isInstanceOf(AccessDeniedException.class)
        .satisfies(e -> assertThat(((AccessDeniedException) e).status()).isEqualTo(403));
  }
}
