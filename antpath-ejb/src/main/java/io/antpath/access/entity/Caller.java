package io.antpath.access.entity;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An authenticated caller bound to exactly one workspace: a member acting with a role (dashboard)
 * or a program acting with an API token's scopes. Services take a Caller and scope every read and
 * write to its workspace; they cannot be called without one.
 */
public record Caller(
    UUID workspaceId,
    UUID userId,
    UUID tokenId,
    Role role,
    Set<Scope> scopes,
    String clientAddress,
    String requestId) {

  public Caller {
    Objects.requireNonNull(workspaceId, "a caller is bound to a workspace");
    if ((role == null) == (tokenId == null)) {
      throw new IllegalArgumentException(
          "a caller is either a member with a role or a token with scopes");
    }
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
  }

  public static Caller member(
      UUID workspaceId, UUID userId, Role role, String clientAddress, String requestId) {
    return new Caller(
        workspaceId,
        Objects.requireNonNull(userId, "user id"),
        null,
        role,
        Set.of(),
        clientAddress,
        requestId);
  }

  public static Caller token(
      UUID workspaceId,
      UUID tokenId,
      UUID tokenCreatorId,
      Set<Scope> scopes,
      String clientAddress,
      String requestId) {
    return new Caller(workspaceId, tokenCreatorId, tokenId, null, scopes, clientAddress, requestId);
  }

  public boolean isToken() {
    return tokenId != null;
  }

  public Optional<Role> memberRole() {
    return Optional.ofNullable(role);
  }
}
