package io.antpath.sim;

import static io.antpath.sim.ClaudeSimulator.AGENTS_BETA;
import static io.antpath.sim.SimJson.JSON;
import static io.antpath.sim.SimJson.id;
import static io.antpath.sim.SimJson.now;
import static io.antpath.sim.SimJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/** {@code /v1/sessions/{id}/events}: send user events (start or interrupt a turn), list events. */
final class EventsApi {
  private final SessionsApi sessions;
  private final SessionScript script;

  EventsApi(SessionsApi sessions, SessionScript script) {
    this.sessions = sessions;
    this.script = script;
  }

  void addRoutes(List<Route> r) {
    r.add(Route.of("POST", "/v1/sessions/([^/]+)/events", AGENTS_BETA, this::sendEvents));
    r.add(Route.of("GET", "/v1/sessions/([^/]+)/events", AGENTS_BETA, this::listEvents));
  }

  private void sendEvents(Call c, Matcher m) throws IOException {
    SimSession s = sessions.session(m.group(1));
    JsonNode in = c.body();
    JsonNode events = in.get("events");
    if (events == null || !events.isArray() || events.isEmpty()) {
      throw new ApiError(400, "invalid_request_error", "events: a non-empty array is required");
    }
    ArrayNode echoed = JSON.createArrayNode();
    synchronized (s) {
      script.advance(s);
      if (s.json.hasNonNull("archived_at") || "terminated".equals(s.json.path("status").asText())) {
        throw new ApiError(409, "invalid_request_error", "session is archived or terminated");
      }
      for (JsonNode e : events) {
        String type = text(e, "type");
        if (!"user.message".equals(type) && !"user.interrupt".equals(type)) {
          throw new ApiError(400, "invalid_request_error", "events: unsupported type " + type);
        }
        if ("user.message".equals(type) && !e.path("content").isArray()) {
          throw new ApiError(
              400, "invalid_request_error", "user.message: content must be an array");
        }
        ObjectNode stored = ((ObjectNode) e.deepCopy());
        stored.put("id", id("sevt_"));
        stored.put("processed_at", now());
        s.events.add(stored);
        echoed.add(stored);
        if ("user.message".equals(type)) {
          script.startTurn(s);
        } else {
          script.stop(s, "end_turn");
        }
      }
    }
    c.json(200, JSON.createObjectNode().set("data", echoed));
  }

  private void listEvents(Call c, Matcher m) throws IOException {
    SimSession s = sessions.session(m.group(1));
    List<ObjectNode> snapshot;
    synchronized (s) {
      script.advance(s);
      snapshot = new ArrayList<>(s.events);
    }
    if ("desc".equals(c.query.get("order"))) {
      java.util.Collections.reverse(snapshot);
    }
    Pages.page(c, snapshot, 1000);
  }
}
