package io.antpath.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A session and its script. Guarded by its own monitor. */
final class SimSession {
  /** A scripted event: appended once {@code atMillis} after the turn started. */
  record Step(long atMillis, Function<SimSession, ObjectNode> event) {}

  final String id;
  final ObjectNode json;
  final Map<String, String> metadata;
  final Scenario scenario;
  final List<Scenario.OutputFile> outputs;
  final long sizeLie;
  final long stepMillis;
  final int extraEvents;
  final String apiKey;
  final List<ObjectNode> events = new ArrayList<>();
  final List<Step> script = new ArrayList<>();
  int disturbed;
  long turnStartedAt = -1;
  Instant turnStartedWall;
  boolean filesWritten;

  SimSession(String id, ObjectNode json, Map<String, String> metadata, String apiKey) {
    this.id = id;
    this.json = json;
    this.metadata = metadata;
    this.scenario = Scenario.of(metadata);
    this.outputs = Scenario.files(metadata);
    this.sizeLie = Scenario.sizeLie(metadata);
    this.stepMillis = Scenario.stepMillis(metadata);
    this.extraEvents = Scenario.extraEvents(metadata);
    this.apiKey = apiKey;
  }

  boolean live() {
    return !json.hasNonNull("archived_at");
  }
}
