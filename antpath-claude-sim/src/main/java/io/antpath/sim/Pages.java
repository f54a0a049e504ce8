package io.antpath.sim;

import static io.antpath.sim.SimJson.JSON;
import static io.antpath.sim.SimJson.now;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Answers shared by the plain resources (agents, environments, vaults, credentials): get, archive,
 * list, and both generations of pagination cursors.
 */
final class Pages {
  private Pages() {}

  static void get(Call c, Map<String, ObjectNode> map, String id) throws IOException {
    c.json(200, find(map, id));
  }

  static ObjectNode find(Map<String, ObjectNode> map, String id) {
    ObjectNode o = map.get(id);
    if (o == null) {
      throw new ApiError(404, "not_found_error", id + " not found");
    }
    return o;
  }

  static void archive(Call c, Map<String, ObjectNode> map, String id) throws IOException {
    ObjectNode o = find(map, id);
    synchronized (o) {
      if (!o.hasNonNull("archived_at")) {
        o.put("archived_at", now());
        o.put("updated_at", now());
      }
    }
    c.json(200, o);
  }

  static void list(Call c, Map<String, ObjectNode> map, Predicate<ObjectNode> filter)
      throws IOException {
    boolean archived = "true".equals(c.query.get("include_archived"));
    List<ObjectNode> all =
        map.values().stream()
            .filter(o -> archived || !o.hasNonNull("archived_at"))
            .filter(o -> filter == null || filter.test(o))
            .sorted((a, b) -> a.get("id").asText().compareTo(b.get("id").asText()))
            .toList();
    page(c, all, 20);
  }

  /** Managed-agents pagination: {@code limit} and an opaque {@code page} cursor. */
  static void page(Call c, List<ObjectNode> all, int defaultLimit) throws IOException {
    int limit = limit(c, defaultLimit, 1000);
    int offset = 0;
    String cursor = c.query.get("page");
    if (cursor != null) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (!decoded.startsWith("o:")) {
          throw new IllegalArgumentException();
        }
        offset = Integer.parseInt(decoded.substring(2));
      } catch (IllegalArgumentException e) {
        throw new ApiError(400, "invalid_request_error", "page: invalid cursor");
      }
    }
    int end = Math.min(all.size(), offset + limit);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode data = body.putArray("data");
    for (int i = Math.min(offset, all.size()); i < end; i++) {
      data.add(all.get(i));
    }
    body.put(
        "next_page",
        end < all.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("o:" + end).getBytes(StandardCharsets.UTF_8))
            : null);
    c.json(200, body);
  }

  /** The Files API's cursor: the id to continue after. */
  static String encodeCursor(String id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("a:" + id).getBytes(StandardCharsets.UTF_8));
  }

  static String decodeCursor(String cursor) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!decoded.startsWith("a:")) {
        throw new IllegalArgumentException();
      }
      return decoded.substring(2);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "invalid_request_error", "page: invalid cursor");
    }
  }

  static int limit(Call c, int defaultLimit, int max) {
    String raw = c.query.get("limit");
    if (raw == null) {
      return defaultLimit;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit < 1 || limit > max) {
        throw new NumberFormatException();
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new ApiError(400, "invalid_request_error", "limit: 1-" + max);
    }
  }
}
