package io.antpath.sim;

import static io.antpath.sim.SimJson.JSON;
import static io.antpath.sim.SimJson.id;
import static io.antpath.sim.SimJson.now;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.antpath.sim.SimSession.Step;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;

/**
 * Plays a session's {@link Scenario}: a turn is a script of timed events, appended when their
 * moment has passed and someone asks ({@link #advance}), so no background thread is needed. Callers
 * hold the session's monitor.
 */
final class SessionScript {
  private final Store store;

  SessionScript(Store store) {
    this.store = store;
  }

  void startTurn(SimSession s) {
    s.turnStartedAt = System.nanoTime();
    s.turnStartedWall = Instant.now();
    s.script.clear();
    long step = s.stepMillis;
    s.json.put("status", "running");
    s.events.add(event("session.status_running"));
    if (s.scenario == Scenario.REVOKE_KEY && s.apiKey != null) {
      store.revokedKeys.add(s.apiKey);
    }
    String startId = id("sevt_");
    s.script.add(new Step(step, x -> event("span.model_request_start").put("id", startId)));
    if (s.scenario == Scenario.SLOW) {
      return; // runs until interrupted
    }
    if (s.scenario == Scenario.FAIL) {
      s.script.add(
          new Step(
              2 * step,
              x -> {
                ObjectNode e = event("session.error");
                e.putObject("error")
                    .put("type", "model_request_failed_error")
                    .put("message", "The model request failed (simulated).")
                    .putObject("retry_status")
                    .put("type", "exhausted");
                return e;
              }));
      s.script.add(new Step(3 * step, x -> idle(x, "retries_exhausted")));
      return;
    }
    s.script.add(
        new Step(
            2 * step,
            x -> {
              ObjectNode e = event("agent.message");
              e.putArray("content")
                  .addObject()
                  .put("type", "text")
                  .put("text", "Working on it (simulated).");
              return e;
            }));
    // sim.events: a long session's many messages, spread between the first message and the files.
    for (int i = 0; i < s.extraEvents; i++) {
      long at = 2 * step + (step * i) / Math.max(1, s.extraEvents);
      s.script.add(
          new Step(
              at,
              x -> {
                ObjectNode e = event("agent.message");
                e.putArray("content").addObject().put("type", "text").put("text", "(more)");
                return e;
              }));
    }
    for (Scenario.OutputFile f : s.outputs) {
      s.script.add(
          new Step(
              3 * step,
              x -> {
                ObjectNode e = event("agent.tool_use");
                e.put("name", "write");
                e.putObject("input")
                    .put("file_path", "/mnt/session/outputs/" + f.name())
                    .put("content", "(simulated)");
                e.put("evaluated_permission", "allow");
                return e;
              }));
    }
    s.script.add(
        new Step(
            4 * step,
            x -> {
              ObjectNode e = event("span.model_request_end");
              e.put("model_request_start_id", startId);
              e.put("is_error", false);
              e.putObject("model_usage")
                  .put("input_tokens", 1200)
                  .put("output_tokens", 340)
                  .put("cache_read_input_tokens", 0)
                  .put("cache_creation_input_tokens", 0)
                  .put("speed", "standard");
              return e;
            }));
    s.script.add(new Step(5 * step, x -> idle(x, "end_turn")));
  }

  private ObjectNode idle(SimSession s, String stopReason) {
    s.json.put("status", "idle");
    ObjectNode usage = (ObjectNode) s.json.get("usage");
    if ("end_turn".equals(stopReason)) {
      usage.put("input_tokens", usage.path("input_tokens").asLong() + 1200);
      usage.put("output_tokens", usage.path("output_tokens").asLong() + 340);
      writeFiles(s);
    }
    double seconds = (System.nanoTime() - s.turnStartedAt) / 1e9;
    ((ObjectNode) s.json.get("stats"))
        .put("active_seconds", seconds)
        .put("duration_seconds", seconds);
    s.json.put("updated_at", now());
    ObjectNode e = event("session.status_idle");
    e.putObject("stop_reason").put("type", stopReason);
    return e;
  }

  private void writeFiles(SimSession s) {
    if (s.filesWritten) {
      return;
    }
    s.filesWritten = true;
    for (Scenario.OutputFile f : s.outputs) {
      SimFile file =
          new SimFile(
              id("file_"),
              f.name(),
              f.sizeBytes(),
              Math.max(0, f.sizeBytes() - s.sizeLie),
              s.id,
              now(),
              s.scenario);
      store.files.put(file.id(), file);
    }
  }

  /** Appends the scripted events whose time has come. */
  void advance(SimSession s) {
    if (s.turnStartedAt < 0) {
      return;
    }
    long elapsed = (System.nanoTime() - s.turnStartedAt) / 1_000_000;
    Iterator<Step> it = s.script.iterator();
    while (it.hasNext()) {
      Step step = it.next();
      if (step.atMillis() > elapsed) {
        break;
      }
      it.remove();
      // The event happened when the script says, not when someone looked: its time is the
      // scheduled one, as the API's processed_at would be.
      ObjectNode e = step.event().apply(s);
      e.put(
          "processed_at",
          s.turnStartedWall.plusMillis(step.atMillis()).truncatedTo(ChronoUnit.MICROS).toString());
      s.events.add(e);
    }
  }

  /** Ends the turn at once (interrupt, archive): the rest of the script is dropped. */
  void stop(SimSession s, String stopReason) {
    if (!"running".equals(s.json.path("status").asText())) {
      return;
    }
    s.script.clear();
    s.events.add(idle(s, stopReason));
  }

  static ObjectNode event(String type) {
    ObjectNode e = JSON.createObjectNode();
    e.put("id", id("sevt_"));
    e.put("type", type);
    e.put("processed_at", now());
    return e;
  }
}
