package io.antpath.provider.control;

import io.antpath.provider.control.ProviderException.ErrorClass;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.UUID;

/**
 * Maps a stored run request to the Claude API's request bodies (agent, environment, vault, MCP
 * credential, session, user message). Pure: no I/O, so the exact wire shape is unit-testable and
 * pinned by the wiring snapshot ({@code ProviderWiringIT}). Every created resource carries the
 * run's marker in its metadata ({@code antpath.marker}), which is how a create whose answer was
 * lost is found again instead of being repeated.
 */
public final class ClaudeRequests {
  /** Looked up once: {@code Json.create*} searches the class path for a provider on every call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  /** The most metadata entries the provider keeps on a resource. */
  public static final int PROVIDER_METADATA_MAX = 16;

  private ClaudeRequests() {}

  /** What the bodies are made from: the run's id, its stored request and its metadata. */
  public record Run(UUID id, JsonObject spec, JsonObject metadata) {}

  public static String marker(Run run, String kind) {
    return "antpath:" + run.id() + ":" + kind;
  }

  public static JsonObject agentBody(Run run, String marker, JsonArray secretSkills) {
    JsonObject agent = run.spec().getJsonObject("agent");
    JsonObjectBuilder b =
        JSON.createObjectBuilder()
            .add("name", "antpath run " + run.id())
            .add("model", agent.get("model"));
    if (agent.containsKey("system")) {
      b.add("system", agent.get("system"));
    }
    JsonArrayBuilder tools = JSON.createArrayBuilder();
    if (agent.containsKey("tools")) {
      agent.getJsonArray("tools").forEach(tools::add);
    } else {
      tools.add(JSON.createObjectBuilder().add("type", "agent_toolset_20260401"));
    }
    JsonArrayBuilder servers = JSON.createArrayBuilder();
    if (agent.containsKey("mcpServers")) {
      for (JsonValue v : agent.getJsonArray("mcpServers")) {
        JsonObject s = v.asJsonObject();
        servers.add(
            JSON.createObjectBuilder()
                .add("type", "url")
                .add("name", s.getString("name"))
                .add("url", s.getString("url")));
        if (!agent.containsKey("tools")) {
          tools.add(
              JSON.createObjectBuilder()
                  .add("type", "mcp_toolset")
                  .add("mcp_server_name", s.getString("name")));
        }
      }
    }
    b.add("tools", tools).add("mcp_servers", servers);
    // Skills named in the run, then those from its secrets (private references not stored).
    if (agent.containsKey("skills") || secretSkills != null) {
      JsonArrayBuilder skills = JSON.createArrayBuilder();
      if (agent.containsKey("skills")) {
        agent.getJsonArray("skills").forEach(skills::add);
      }
      if (secretSkills != null) {
        secretSkills.forEach(skills::add);
      }
      b.add("skills", skills);
    }
    return b.add("metadata", markerMetadata(run, marker)).build();
  }

  /** How many entries {@link #markerMetadata} writes. */
  static final int MARKER_ENTRIES = 2;

  /** The metadata that ties a provider resource to its run and journal row (found by it later). */
  public static JsonObjectBuilder markerMetadata(Run run, String marker) {
    return JSON.createObjectBuilder()
        .add("antpath.run", run.id().toString())
        .add("antpath.marker", marker);
  }

  public static JsonObject environmentBody(Run run, String marker) {
    JsonObject env =
        run.spec().containsKey("environment")
            ? run.spec().getJsonObject("environment")
            : JsonValue.EMPTY_JSON_OBJECT;
    JsonObjectBuilder config = JSON.createObjectBuilder().add("type", "cloud");
    config.add(
        "networking",
        env.containsKey("networking")
            ? env.get("networking")
            : JSON.createObjectBuilder().add("type", "unrestricted").build());
    if (env.containsKey("packages")) {
      config.add("packages", env.get("packages"));
    }
    return JSON.createObjectBuilder()
        .add("name", marker)
        .add("config", config)
        .add("metadata", markerMetadata(run, marker))
        .build();
  }

  public static String mcpUrl(Run run, String server) {
    for (JsonValue v : run.spec().getJsonObject("agent").getJsonArray("mcpServers")) {
      if (server.equals(v.asJsonObject().getString("name"))) {
        return v.asJsonObject().getString("url");
      }
    }
    throw new ProviderException(
        ErrorClass.INTERNAL,
        "mcp_server_missing",
        0,
        "credentials for an undeclared MCP server",
        null);
  }

  public static JsonObject credentialBody(String server, String url, JsonObject cred) {
    JsonObjectBuilder auth = JSON.createObjectBuilder().add("mcp_server_url", url);
    if ("bearer".equals(cred.getString("type"))) {
      auth.add("type", "static_bearer").add("token", cred.getString("token"));
    } else {
      auth.add("type", "mcp_oauth").add("access_token", cred.getString("accessToken"));
      if (cred.containsKey("expiresAt")) {
        auth.add("expires_at", cred.getString("expiresAt"));
      }
      if (cred.containsKey("refreshToken")) {
        JsonObjectBuilder refresh =
            JSON.createObjectBuilder().add("refresh_token", cred.getString("refreshToken"));
        if (cred.containsKey("tokenUrl")) {
          refresh.add("token_endpoint", cred.getString("tokenUrl"));
        }
        if (cred.containsKey("clientId")) {
          refresh.add("client_id", cred.getString("clientId"));
        }
        if (cred.containsKey("clientSecret")) {
          refresh.add(
              "token_endpoint_auth",
              JSON.createObjectBuilder()
                  .add("type", "client_secret_post")
                  .add("client_secret", cred.getString("clientSecret")));
        } else {
          refresh.add("token_endpoint_auth", JSON.createObjectBuilder().add("type", "none"));
        }
        auth.add("refresh", refresh);
      }
    }
    return JSON.createObjectBuilder().add("display_name", server).add("auth", auth).build();
  }

  public static JsonArray content(JsonValue input) {
    if (input instanceof JsonString s) {
      return JSON.createArrayBuilder()
          .add(JSON.createObjectBuilder().add("type", "text").add("text", s.getString()))
          .build();
    }
    return input.asJsonArray();
  }

  /**
   * The session, with the run's input as its {@code initial_events}: creating the session and
   * starting its turn is one create, found again by its marker after a lost answer, so the prompt
   * is never sent twice.
   */
  public static JsonObject sessionBody(
      Run run, String marker, String agentId, String envId, JsonArray vaults) {
    JsonObjectBuilder md = markerMetadata(run, marker);
    // The run's own entries, in its order, after the markers and as many as the provider keeps;
    // its antpath.* keys are never forwarded (they would forge a marker) and take no room.
    int room = PROVIDER_METADATA_MAX - MARKER_ENTRIES;
    for (String k : run.metadata().keySet()) {
      if (room <= 0) {
        break;
      }
      if (!k.startsWith("antpath.")) {
        md.add(k, run.metadata().get(k));
        room--;
      }
    }
    return JSON.createObjectBuilder()
        .add("agent", agentId)
        .add("environment_id", envId)
        .add("title", "antpath run " + run.id())
        .add("metadata", md)
        .add("vault_ids", vaults)
        .add("initial_events", userMessage(run))
        .build();
  }

  /** A Claude-side vault for the run's MCP credentials. */
  public static JsonObject vaultBody(Run run, String marker) {
    return JSON.createObjectBuilder()
        .add("display_name", "antpath run " + run.id())
        .add("metadata", markerMetadata(run, marker))
        .build();
  }

  /** The run's input as the session's first {@code user.message}. */
  public static JsonArray userMessage(Run run) {
    return JSON.createArrayBuilder()
        .add(
            JSON.createObjectBuilder()
                .add("type", "user.message")
                .add("content", content(run.spec().get("input"))))
        .build();
  }

  /** Stops the session's current turn. */
  public static JsonArray interrupt() {
    return JSON.createArrayBuilder()
        .add(JSON.createObjectBuilder().add("type", "user.interrupt"))
        .build();
  }
}
