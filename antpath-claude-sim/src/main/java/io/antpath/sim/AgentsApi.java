package io.antpath.sim;

import static io.antpath.sim.ClaudeSimulator.AGENTS_BETA;
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
import java.util.Set;
import java.util.regex.Matcher;

/** {@code /v1/agents}: create (validating tools, MCP servers and skills), get, list, archive. */
final class AgentsApi {
  private final Store store;
  private final Map<String, ObjectNode> agents;

  AgentsApi(Store store) {
    this.store = store;
    this.agents = store.agents;
  }

  void addRoutes(List<Route> r) {
    r.add(Route.of("POST", "/v1/agents", AGENTS_BETA, this::createAgent));
    r.add(Route.of("GET", "/v1/agents", AGENTS_BETA, (c, m) -> Pages.list(c, agents, null)));
    r.add(
        Route.of(
            "GET", "/v1/agents/([^/]+)", AGENTS_BETA, (c, m) -> Pages.get(c, agents, m.group(1))));
    r.add(
        Route.of(
            "POST",
            "/v1/agents/([^/]+)/archive",
            AGENTS_BETA,
            (c, m) -> Pages.archive(c, agents, m.group(1))));
  }

  private void createAgent(Call c, Matcher m) throws IOException {
    JsonNode in = c.body();
    String name = text(in, "name");
    if (name == null || name.isEmpty() || name.length() > 256) {
      throw new ApiError(400, "invalid_request_error", "name: required, 1-256 characters");
    }
    if (!in.has("model")) {
      throw new ApiError(400, "invalid_request_error", "model: required");
    }
    metadata(in);
    for (JsonNode server : in.path("mcp_servers")) {
      if (!"url".equals(text(server, "type"))
          || text(server, "name") == null
          || text(server, "url") == null) {
        throw new ApiError(
            400, "invalid_request_error", "mcp_servers: each needs type url, name and url");
      }
    }
    validateTools(in);
    validateSkills(in);
    ObjectNode a = resource("agent", id("agent_"));
    a.put("version", 1);
    a.put("name", name);
    a.set("model", modelConfig(in.get("model")));
    a.put("system", text(in, "system"));
    a.put("description", text(in, "description"));
    a.set("tools", in.has("tools") ? in.get("tools") : JSON.createArrayNode());
    a.set("mcp_servers", in.has("mcp_servers") ? in.get("mcp_servers") : JSON.createArrayNode());
    a.set("skills", in.has("skills") ? in.get("skills") : JSON.createArrayNode());
    a.set("metadata", in.has("metadata") ? in.get("metadata") : JSON.createObjectNode());
    a.set(
        "execution_identity",
        in.has("execution_identity")
            ? in.get("execution_identity")
            : JSON.createObjectNode().put("type", "service_account"));
    a.putNull("multiagent");
    agents.put(a.get("id").asText(), a);
    store.created(in);
    c.json(200, a);
  }

  /** Tool entries the API knows; an MCP toolset must name a server the agent declares. */
  private static void validateTools(JsonNode in) {
    Set<String> servers = new java.util.HashSet<>();
    in.path("mcp_servers").forEach(s -> servers.add(s.path("name").asText()));
    for (JsonNode tool : in.path("tools")) {
      String type = text(tool, "type");
      boolean ok =
          switch (type == null ? "" : type) {
            case "agent_toolset_20260401" -> true;
            case "mcp_toolset" -> servers.contains(tool.path("mcp_server_name").asText());
            case "custom" -> text(tool, "name") != null && tool.has("input_schema");
            default -> false;
          };
      if (!ok) {
        throw new ApiError(
            400,
            "invalid_request_error",
            "tools: agent_toolset_20260401, mcp_toolset of a declared mcp_servers name, or custom");
      }
    }
  }

  /** Skill references: {@code {type: anthropic|custom, skill_id, version?}}, at most 20. */
  private static void validateSkills(JsonNode in) {
    JsonNode skills = in.path("skills");
    if (skills.size() > 20) {
      throw new ApiError(400, "invalid_request_error", "skills: at most 20");
    }
    for (JsonNode skill : skills) {
      String type = text(skill, "type");
      String id = text(skill, "skill_id");
      if (!("anthropic".equals(type) || "custom".equals(type)) || id == null || id.isEmpty()) {
        throw new ApiError(
            400,
            "invalid_request_error",
            "skills: each needs type anthropic or custom and skill_id");
      }
    }
  }

  private static JsonNode modelConfig(JsonNode model) {
    if (model.isTextual()) {
      return JSON.createObjectNode().put("id", model.asText()).put("speed", "standard");
    }
    return model;
  }
}
