package io.antpath.sim;

import static io.antpath.sim.SimJson.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A session-scoped output file. */
record SimFile(
    String id,
    String filename,
    long sizeBytes,
    long announcedBytes,
    String sessionId,
    String createdAt,
    Scenario scenario) {
  ObjectNode json() {
    ObjectNode f = JSON.createObjectNode();
    f.put("type", "file");
    f.put("id", id);
    f.put("filename", filename);
    f.put("mime_type", SimFiles.mimeType(filename));
    f.put("size_bytes", announcedBytes);
    f.put("created_at", createdAt);
    f.put("downloadable", true);
    f.putObject("scope").put("type", "session").put("id", sessionId);
    return f;
  }
}
