package io.antpath.sim;

import static io.antpath.sim.ClaudeSimulator.AGENTS_BETA;
import static io.antpath.sim.Pages.find;
import static io.antpath.sim.SimJson.JSON;
import static io.antpath.sim.SimJson.id;
import static io.antpath.sim.SimJson.metadata;
import static io.antpath.sim.SimJson.resource;
import static io.antpath.sim.SimJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** {@code /v1/environments}: create (names unique among live ones), get, list, archive, delete. */
final class EnvironmentsApi {
  private final Store store;
  private final Map<String, ObjectNode> environments;

  EnvironmentsApi(Store store) {
    this.store = store;
    this.environments = store.environments;
  }

  void addRoutes(List<Route> r) {
    r.add(Route.of("POST", "/v1/environments", AGENTS_BETA, this::createEnvironment));
    r.add(
        Route.of(
            "GET", "/v1/environments", AGENTS_BETA, (c, m) -> Pages.list(c, environments, null)));
    r.add(
        Route.of(
            "GET",
            "/v1/environments/([^/]+)",
            AGENTS_BETA,
            (c, m) -> Pages.get(c, environments, m.group(1))));
    r.add(
        Route.of(
            "POST",
            "/v1/environments/([^/]+)/archive",
            AGENTS_BETA,
            (c, m) -> Pages.archive(c, environments, m.group(1))));
    r.add(Route.of("DELETE", "/v1/environments/([^/]+)", AGENTS_BETA, this::deleteEnvironment));
  }

  private void createEnvironment(Call c, Matcher m) throws IOException {
    JsonNode in = c.body();
    String name = text(in, "name");
    if (name == null || name.isEmpty()) {
      throw new ApiError(400, "invalid_request_error", "name: required");
    }
    metadata(in);
    synchronized (environments) {
      boolean taken =
          environments.values().stream()
              .anyMatch(e -> name.equals(e.path("name").asText()) && !e.hasNonNull("archived_at"));
      if (taken) {
        throw new ApiError(
            409, "invalid_request_error", "an environment named '" + name + "' exists");
      }
      ObjectNode e = resource("environment", id("env_"));
      e.put("name", name);
      e.put("description", text(in, "description"));
      e.set("config", environmentConfig(in.get("config")));
      e.set("metadata", in.has("metadata") ? in.get("metadata") : JSON.createObjectNode());
      e.put("scope", "organization");
      environments.put(e.get("id").asText(), e);
      store.created(in);
      c.json(200, e);
    }
  }

  /** The stored config: cloud by default, with every part the API reports filled in. */
  private static JsonNode environmentConfig(JsonNode requested) {
    ObjectNode config =
        requested != null && requested.isObject()
            ? ((ObjectNode) requested).deepCopy()
            : JSON.createObjectNode().put("type", "cloud");
    if (!"cloud".equals(config.path("type").asText())) {
      return config;
    }
    if (!config.has("networking")) {
      config.putObject("networking").put("type", "unrestricted");
    }
    ObjectNode packages =
        config.get("packages") instanceof ObjectNode p ? p : config.putObject("packages");
    packages.put("type", "packages");
    for (String manager : List.of("apt", "cargo", "gem", "go", "npm", "pip")) {
      if (!packages.has(manager)) {
        packages.putArray(manager);
      }
    }
    return config;
  }

  private void deleteEnvironment(Call c, Matcher m) throws IOException {
    String id = m.group(1);
    find(environments, id);
    boolean inUse =
        store.sessions.values().stream()
            .anyMatch(s -> id.equals(s.json.path("environment_id").asText()) && s.live());
    if (inUse) {
      throw new ApiError(409, "invalid_request_error", "environment is used by a live session");
    }
    environments.remove(id);
    c.json(200, JSON.createObjectNode().put("id", id).put("type", "environment_deleted"));
  }
}
