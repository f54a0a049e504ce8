package io.antpath.run.entity;

import java.util.UUID;

/**
 * Who submitted something: a dashboard user, or an API token (with the user who created it, when
 * known). At least one of the two is present.
 */
public record Attribution(UUID userId, UUID tokenId) {
  public Attribution {
    if (userId == null && tokenId == null) {
      throw new IllegalArgumentException("a user or a token is required");
    }
  }

  public static Attribution user(UUID userId) {
    return new Attribution(userId, null);
  }

  public static Attribution token(UUID tokenId, UUID tokenCreatorId) {
    return new Attribution(tokenCreatorId, tokenId);
  }
}
