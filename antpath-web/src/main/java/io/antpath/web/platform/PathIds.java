package io.antpath.web.platform;

import io.antpath.access.entity.NotFoundException;
import java.util.UUID;

/**
 * Ids in request paths. A malformed id names nothing in the caller's workspace: 404, like any
 * unknown id.
 */
public final class PathIds {
  private PathIds() {}

  public static UUID parse(String id, String kind) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(kind);
    }
  }
}
