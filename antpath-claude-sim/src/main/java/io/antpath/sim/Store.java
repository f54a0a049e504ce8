package io.antpath.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The simulator's whole state, in memory, and the questions tests ask about it. */
final class Store {
  final Map<String, ObjectNode> agents = new ConcurrentHashMap<>();
  final Map<String, ObjectNode> environments = new ConcurrentHashMap<>();
  final Map<String, ObjectNode> vaults = new ConcurrentHashMap<>();
  final Map<String, ObjectNode> credentials = new ConcurrentHashMap<>();
  final Map<String, SimSession> sessions = new ConcurrentHashMap<>();
  final Map<String, SimFile> files = new ConcurrentHashMap<>();
  final Set<String> revokedKeys = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> createdByMarker = new ConcurrentHashMap<>();

  /** Counts a create by its {@code antpath.marker}, to catch creates repeated blindly. */
  void created(JsonNode in) {
    String marker = in.path("metadata").path("antpath.marker").asText(null);
    if (marker != null) {
      createdByMarker.computeIfAbsent(marker, k -> new AtomicLong()).incrementAndGet();
    }
  }

  long count(String kind, boolean includeArchived) {
    Map<String, ? extends Object> map =
        switch (kind) {
          case "agent" -> agents;
          case "environment" -> environments;
          case "vault" -> vaults;
          case "credential" -> credentials;
          case "session" -> sessions;
          case "file" -> files;
          default -> throw new IllegalArgumentException(kind);
        };
    if (includeArchived) {
      return map.size();
    }
    return map.values().stream()
        .filter(
            v ->
                !(v instanceof ObjectNode o && o.hasNonNull("archived_at"))
                    && !(v instanceof SimSession s && s.json.hasNonNull("archived_at")))
        .count();
  }

  long live(String kind, String key, String value) {
    if (kind.equals("session")) {
      return sessions.values().stream()
          .filter(s -> value.equals(s.metadata.get(key)) && !s.json.hasNonNull("archived_at"))
          .count();
    }
    Map<String, ObjectNode> map =
        switch (kind) {
          case "agent" -> agents;
          case "environment" -> environments;
          case "vault" -> vaults;
          default -> throw new IllegalArgumentException(kind);
        };
    return map.values().stream()
        .filter(o -> value.equals(o.path("metadata").path(key).asText(null)))
        .filter(o -> !o.hasNonNull("archived_at"))
        .count();
  }

  long filesOf(String sessionId) {
    return files.values().stream().filter(f -> f.sessionId().equals(sessionId)).count();
  }

  List<String> sessionIdsWithMetadata(String key, String value) {
    return sessions.values().stream()
        .filter(s -> value.equals(s.metadata.get(key)))
        .map(s -> s.id)
        .toList();
  }

  Map<String, Integer> duplicateCreates() {
    Map<String, Integer> out = new TreeMap<>();
    createdByMarker.forEach(
        (marker, n) -> {
          if (n.get() > 1) {
            out.put(marker, (int) n.get());
          }
        });
    return out;
  }

  long markedCreates() {
    return createdByMarker.values().stream().mapToLong(AtomicLong::get).sum();
  }

  List<String> leftovers() {
    List<String> out = new ArrayList<>();
    agents.forEach((id, o) -> addIfLive(out, "agent", id, o));
    environments.forEach((id, o) -> addIfLive(out, "environment", id, o));
    vaults.forEach((id, o) -> out.add("vault " + id));
    credentials.forEach((id, o) -> out.add("credential " + id));
    sessions.forEach((id, s) -> out.add("session " + id));
    files.forEach((id, f) -> out.add("file " + id));
    return out;
  }

  private static void addIfLive(List<String> out, String kind, String id, ObjectNode o) {
    if (!o.hasNonNull("archived_at")) {
      out.add(kind + " " + id);
    }
  }
}
