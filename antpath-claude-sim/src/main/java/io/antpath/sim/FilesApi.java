package io.antpath.sim;

import static io.antpath.sim.ClaudeSimulator.FILES_BETA;
import static io.antpath.sim.Pages.decodeCursor;
import static io.antpath.sim.Pages.encodeCursor;
import static io.antpath.sim.Pages.limit;
import static io.antpath.sim.SimJson.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** {@code /v1/files}: the session outputs, listed, described, downloaded and deleted. */
final class FilesApi {
  private final Store store;
  private final Map<String, SimFile> files;

  FilesApi(Store store) {
    this.store = store;
    this.files = store.files;
  }

  void addRoutes(List<Route> r) {
    r.add(Route.of("GET", "/v1/files", FILES_BETA, this::listFiles));
    r.add(Route.of("GET", "/v1/files/([^/]+)", FILES_BETA, this::getFile));
    r.add(Route.of("GET", "/v1/files/([^/]+)/content", FILES_BETA, this::downloadFile));
    r.add(Route.of("DELETE", "/v1/files/([^/]+)", FILES_BETA, this::deleteFile));
  }

  private void listFiles(Call c, Matcher m) throws IOException {
    String scope = c.query.get("scope_id");
    int limit = limit(c, 20, 1000);
    List<SimFile> all =
        files.values().stream()
            .filter(f -> scope == null || scope.equals(f.sessionId()))
            .sorted((a, b) -> a.id().compareTo(b.id()))
            .toList();
    if (scope != null) {
      SimSession s = store.sessions.get(scope);
      if (s != null) {
        Faults.disturb(s);
        if (s.scenario == Scenario.MALFORMED_LISTING) {
          byte[] bytes = "{\"data\":[{\"type\":\"file\",\"id\":".getBytes(StandardCharsets.UTF_8);
          c.exchange.getResponseHeaders().set("content-type", "application/json");
          c.exchange.sendResponseHeaders(200, bytes.length);
          c.exchange.getResponseBody().write(bytes);
          return;
        }
      }
    }
    // Two generations of the Files API listing: after_id/has_more (documented) and the page cursor
    // of newer clients (next_page). Both are served; a page cursor is the id to continue after.
    String page = c.query.get("page");
    String after = page != null ? decodeCursor(page) : c.query.get("after_id");
    List<SimFile> from =
        after == null ? all : all.stream().filter(f -> f.id().compareTo(after) > 0).toList();
    List<SimFile> shown = from.subList(0, Math.min(limit, from.size()));
    ObjectNode body = JSON.createObjectNode();
    ArrayNode data = body.putArray("data");
    shown.forEach(f -> data.add(f.json()));
    body.put("has_more", from.size() > shown.size());
    body.put("first_id", shown.isEmpty() ? null : shown.get(0).id());
    body.put("last_id", shown.isEmpty() ? null : shown.get(shown.size() - 1).id());
    body.put(
        "next_page",
        from.size() > shown.size() ? encodeCursor(shown.get(shown.size() - 1).id()) : null);
    c.json(200, body);
  }

  private SimFile file(String id) {
    SimFile f = files.get(id);
    if (f == null) {
      throw new ApiError(404, "not_found_error", "file " + id + " not found");
    }
    return f;
  }

  private void getFile(Call c, Matcher m) throws IOException {
    c.json(200, file(m.group(1)).json());
  }

  private void downloadFile(Call c, Matcher m) throws IOException {
    SimFile f = file(m.group(1));
    HttpExchange ex = c.exchange;
    ex.getResponseHeaders().set("content-type", SimFiles.mimeType(f.filename()));
    ex.getResponseHeaders().set("request-id", c.requestId);
    ex.sendResponseHeaders(200, f.sizeBytes() == 0 ? -1 : f.sizeBytes());
    try (OutputStream out = ex.getResponseBody()) {
      SimFiles.write(f.filename(), f.sizeBytes(), out);
    }
  }

  private void deleteFile(Call c, Matcher m) throws IOException {
    SimFile f = file(m.group(1));
    files.remove(f.id());
    c.json(200, JSON.createObjectNode().put("id", f.id()).put("type", "file_deleted"));
  }
}
