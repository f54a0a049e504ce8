package io.antpath.sim;

import static io.antpath.sim.ClaudeSimulator.AGENTS_BETA;
import static io.antpath.sim.SimJson.JSON;
import static io.antpath.sim.SimJson.id;
import static io.antpath.sim.SimJson.metadata;
import static io.antpath.sim.SimJson.now;
import static io.antpath.sim.SimJson.resource;
import static io.antpath.sim.SimJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** {@code /v1/sessions}: create (with initial events), get, list, archive, delete. */
final class SessionsApi {
  private final Store store;
  private final SessionScript script;

  SessionsApi(Store store, SessionScript script) {
    this.store = store;
    this.script = script;
  }

  void addRoutes(List<Route> r) {
    r.add(Route.of("POST", "/v1/sessions", AGENTS_BETA, this::createSession));
    r.add(Route.of("GET", "/v1/sessions", AGENTS_BETA, this::listSessions));
    r.add(Route.of("GET", "/v1/sessions/([^/]+)", AGENTS_BETA, this::getSession));
    r.add(Route.of("POST", "/v1/sessions/([^/]+)/archive", AGENTS_BETA, this::archiveSession));
    r.add(Route.of("DELETE", "/v1/sessions/([^/]+)", AGENTS_BETA, this::deleteSession));
  }

  private void createSession(Call c, Matcher m) throws IOException {
    JsonNode in = c.body();
    JsonNode agentRef = in.get("agent");
    String agentId =
        agentRef == null ? null : agentRef.isTextual() ? agentRef.asText() : text(agentRef, "id");
    if (agentId == null) {
      throw new ApiError(400, "invalid_request_error", "agent: required");
    }
    ObjectNode agent = usable(store.agents, "agent", agentId);
    String envId = text(in, "environment_id");
    if (envId == null) {
      throw new ApiError(400, "invalid_request_error", "environment_id: required");
    }
    usable(store.environments, "environment", envId);
    for (JsonNode v : in.path("vault_ids")) {
      if (!store.vaults.containsKey(v.asText())) {
        throw new ApiError(404, "not_found_error", "vault " + v.asText() + " not found");
      }
    }
    Map<String, String> metadata = metadata(in);
    String id = id("sesn_");
    ObjectNode s = resource("session", id);
    s.put("title", text(in, "title"));
    s.put("status", "idle");
    s.set("agent", agent.deepCopy());
    s.put("environment_id", envId);
    s.set("resources", JSON.createArrayNode());
    s.set("vault_ids", in.has("vault_ids") ? in.get("vault_ids") : JSON.createArrayNode());
    s.set("metadata", JSON.valueToTree(metadata));
    s.set("outcome_evaluations", JSON.createArrayNode());
    s.putNull("budget");
    s.putNull("deployment_id");
    s.putObject("stats").put("active_seconds", 0.0).put("duration_seconds", 0.0);
    ObjectNode usage = s.putObject("usage");
    usage.put("input_tokens", 0).put("output_tokens", 0).put("cache_read_input_tokens", 0);
    usage
        .putObject("cache_creation")
        .put("ephemeral_5m_input_tokens", 0)
        .put("ephemeral_1h_input_tokens", 0);
    SimSession session;
    try {
      session = new SimSession(id, s, metadata, c.apiKey);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "invalid_request_error", e.getMessage());
    }
    JsonNode initial = in.get("initial_events");
    if (initial != null && !initial.isNull()) {
      if (!initial.isArray() || initial.size() > 50) {
        throw new ApiError(400, "invalid_request_error", "initial_events: at most 50 events");
      }
      for (JsonNode e : initial) {
        if (!"user.message".equals(text(e, "type")) || !e.path("content").isArray()) {
          throw new ApiError(
              400, "invalid_request_error", "initial_events: only user.message with content");
        }
      }
    }
    store.sessions.put(id, session);
    store.created(in);
    synchronized (session) {
      if (initial != null && initial.isArray()) {
        for (JsonNode e : initial) {
          ObjectNode stored = ((ObjectNode) e.deepCopy());
          stored.put("id", id("sevt_"));
          stored.put("processed_at", now());
          session.events.add(stored);
          script.startTurn(session);
        }
      }
      c.json(200, s);
    }
  }

  /**
   * A resource a new session may reference: it exists (else 404) and is not archived (else 400).
   */
  private static ObjectNode usable(Map<String, ObjectNode> map, String kind, String id) {
    ObjectNode o = map.get(id);
    if (o == null) {
      throw new ApiError(404, "not_found_error", kind + " " + id + " not found");
    }
    if (o.hasNonNull("archived_at")) {
      throw new ApiError(400, "invalid_request_error", kind + " is archived");
    }
    return o;
  }

  SimSession session(String id) {
    SimSession s = store.sessions.get(id);
    if (s == null) {
      throw new ApiError(404, "not_found_error", "session " + id + " not found");
    }
    Faults.disturb(s);
    return s;
  }

  private void getSession(Call c, Matcher m) throws IOException {
    SimSession s = session(m.group(1));
    synchronized (s) {
      script.advance(s);
      c.json(200, s.json);
    }
  }

  private void listSessions(Call c, Matcher m) throws IOException {
    List<ObjectNode> all = new ArrayList<>();
    boolean archived = "true".equals(c.query.get("include_archived"));
    for (SimSession s : store.sessions.values()) {
      synchronized (s) {
        script.advance(s);
        if (archived || s.live()) {
          all.add(s.json);
        }
      }
    }
    all.sort((a, b) -> a.get("id").asText().compareTo(b.get("id").asText()));
    if ("desc".equals(c.query.get("order"))) {
      java.util.Collections.reverse(all);
    }
    Pages.page(c, all, 20);
  }

  private void archiveSession(Call c, Matcher m) throws IOException {
    SimSession s = session(m.group(1));
    synchronized (s) {
      script.advance(s);
      if (!s.json.hasNonNull("archived_at")) {
        script.stop(s, "end_turn");
        s.json.put("archived_at", now());
        s.json.put("updated_at", now());
      }
      c.json(200, s.json);
    }
  }

  private void deleteSession(Call c, Matcher m) throws IOException {
    SimSession s = session(m.group(1));
    store.sessions.remove(s.id);
    c.json(200, JSON.createObjectNode().put("id", s.id).put("type", "session_deleted"));
  }
}
