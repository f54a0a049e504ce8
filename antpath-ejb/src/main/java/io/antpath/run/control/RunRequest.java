package io.antpath.run.control;

import io.antpath.access.entity.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated run submission. Unknown fields are refused at every level (there is deliberately no
 * field to turn output capture off or to filter it). Error messages name fields, never secret
 * values.
 */
public final class RunRequest {
  private static final Set<String> TOP =
      Set.of("agent", "environment", "input", "timeoutSeconds", "cleanup", "metadata", "secrets");
  private static final Set<String> AGENT =
      Set.of("model", "system", "tools", "mcpServers", "skills");
  private static final Set<String> MCP_SERVER = Set.of("name", "url");
  private static final Set<String> ENVIRONMENT = Set.of("networking", "packages");
  private static final Set<String> CLEANUP = Set.of("claudeSession");
  private static final Set<String> SECRETS = Set.of("anthropicApiKey", "mcpCredentials", "skills");
  private static final Pattern METADATA_KEY = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
  private static final int MAX_METADATA = 16;
  private static final int MAX_SKILLS = 20;
  private static final Set<String> SKILL = Set.of("type", "skill_id", "version");

  private final JsonObject withoutSecrets;
  private final JsonObject secrets;
  private final int timeoutSeconds;
  private final boolean retainSession;
  private final JsonObject metadata;

  private RunRequest(
      JsonObject withoutSecrets,
      JsonObject secrets,
      int timeoutSeconds,
      boolean retainSession,
      JsonObject metadata) {
    this.withoutSecrets = withoutSecrets;
    this.secrets = secrets;
    this.timeoutSeconds = timeoutSeconds;
    this.retainSession = retainSession;
    this.metadata = metadata;
  }

  /** Validates a submission against the workspace's timeout caps. */
  public static RunRequest parse(JsonObject body, int defaultTimeout, int maxTimeout) {
    if (body == null) {
      throw new InvalidRequestException("a JSON object body is required");
    }
    only(body, TOP, "");
    JsonObject agent = object(body, "agent", true);
    only(agent, AGENT, "agent.");
    string(agent, "model", "agent.model", 1, 200, true);
    string(agent, "system", "agent.system", 0, 200_000, false);
    Set<String> mcpNames = mcpServers(agent);
    int agentSkills = skills(agent, "agent.skills");
    JsonObject environment = object(body, "environment", false);
    if (environment != null) {
      only(environment, ENVIRONMENT, "environment.");
    }
    input(body);
    int timeout = timeout(body, defaultTimeout, maxTimeout);
    boolean retain = cleanup(body);
    JsonObject metadata = metadata(body);
    JsonObject secrets = secrets(body, mcpNames);
    if (agentSkills + skills(secrets, "secrets.skills") > MAX_SKILLS) {
      throw new InvalidRequestException(
          "agent.skills and secrets.skills: at most " + MAX_SKILLS + " skills in all");
    }
    JsonObjectBuilder rest = Json.createObjectBuilder(body);
    rest.remove("secrets");
    return new RunRequest(rest.build(), secrets, timeout, retain, metadata);
  }

  private static Set<String> mcpServers(JsonObject agent) {
    Set<String> names = new HashSet<>();
    if (!agent.containsKey("mcpServers")) {
      return names;
    }
    if (agent.get("mcpServers").getValueType() != JsonValue.ValueType.ARRAY) {
      throw new InvalidRequestException("agent.mcpServers: must be an array");
    }
    for (JsonValue v : agent.getJsonArray("mcpServers")) {
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidRequestException("agent.mcpServers: entries must be objects {name, url}");
      }
      JsonObject server = v.asJsonObject();
      only(server, MCP_SERVER, "agent.mcpServers[].");
      String name = string(server, "name", "agent.mcpServers[].name", 1, 64, true);
      String url = string(server, "url", "agent.mcpServers[].url", 1, 2048, true);
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException("agent.mcpServers[].url: must be an absolute https URL");
      }
      if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new InvalidRequestException("agent.mcpServers[].url: must be an absolute https URL");
      }
      if (!names.add(name)) {
        throw new InvalidRequestException("agent.mcpServers: duplicate name '" + name + "'");
      }
    }
    return names;
  }

  /**
   * Skill references as the Claude API takes them ({@code {type: anthropic|custom, skill_id,
   * version?}}); returns how many. {@code secrets.skills} has the same shape and is for references
   * a user would rather not have stored with the run (private custom skills).
   */
  private static int skills(JsonObject parent, String path) {
    JsonValue v = parent.get("skills");
    if (v == null) {
      return 0;
    }
    if (v.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new InvalidRequestException(path + ": must be an array");
    }
    for (JsonValue e : v.asJsonArray()) {
      if (e.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidRequestException(path + ": entries must be objects {type, skill_id}");
      }
      JsonObject skill = e.asJsonObject();
      only(skill, SKILL, path + "[].");
      String type = string(skill, "type", path + "[].type", 1, 10, true);
      if (!type.equals("anthropic") && !type.equals("custom")) {
        throw new InvalidRequestException(path + "[].type: 'anthropic' or 'custom'");
      }
      string(skill, "skill_id", path + "[].skill_id", 1, 200, true);
      string(skill, "version", path + "[].version", 1, 64, false);
    }
    return v.asJsonArray().size();
  }

  private static void input(JsonObject body) {
    JsonValue input = body.get("input");
    if (input == null) {
      throw new InvalidRequestException(
          "input: the prompt (a string or a list of content blocks) is required");
    }
    boolean ok =
        switch (input.getValueType()) {
          case STRING ->
              !((JsonString) input).getString().isBlank()
                  && ((JsonString) input).getString().getBytes(StandardCharsets.UTF_8).length
                      <= 1_000_000;
          case ARRAY ->
              !input.asJsonArray().isEmpty()
                  && input.asJsonArray().stream()
                      .allMatch(b -> b.getValueType() == JsonValue.ValueType.OBJECT);
          default -> false;
        };
    if (!ok) {
      throw new InvalidRequestException(
          "input: a non-empty string (at most 1 MB) or a non-empty list of content blocks");
    }
  }

  private static int timeout(JsonObject body, int defaultTimeout, int maxTimeout) {
    JsonValue v = body.get("timeoutSeconds");
    if (v == null) {
      return defaultTimeout;
    }
    if (v.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) v).isIntegral()) {
      throw new InvalidRequestException("timeoutSeconds: a whole number of seconds");
    }
    long t = ((JsonNumber) v).longValue();
    if (t < 1 || t > maxTimeout) {
      throw new InvalidRequestException(
          "timeoutSeconds: between 1 and " + maxTimeout + " for this workspace");
    }
    return (int) t;
  }

  private static boolean cleanup(JsonObject body) {
    JsonObject cleanup = object(body, "cleanup", false);
    if (cleanup == null) {
      return false;
    }
    only(cleanup, CLEANUP, "cleanup.");
    String mode = string(cleanup, "claudeSession", "cleanup.claudeSession", 1, 10, false);
    if (mode != null && !mode.equals("delete") && !mode.equals("retain")) {
      throw new InvalidRequestException("cleanup.claudeSession: 'delete' or 'retain'");
    }
    return "retain".equals(mode);
  }

  private static JsonObject metadata(JsonObject body) {
    JsonObject metadata = object(body, "metadata", false);
    if (metadata == null) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    if (metadata.size() > MAX_METADATA) {
      throw new InvalidRequestException("metadata: at most " + MAX_METADATA + " entries");
    }
    for (String key : metadata.keySet()) {
      if (!METADATA_KEY.matcher(key).matches()) {
        throw new InvalidRequestException("metadata: keys are 1-64 of A-Z a-z 0-9 . _ -");
      }
      string(metadata, key, "metadata." + key, 0, 512, true);
    }
    return metadata;
  }

  private static JsonObject secrets(JsonObject body, Set<String> mcpNames) {
    JsonObject secrets = object(body, "secrets", true);
    only(secrets, SECRETS, "secrets.");
    String key = string(secrets, "anthropicApiKey", "secrets.anthropicApiKey", 1, 1000, true);
    if (key.isBlank() || key.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidRequestException(
          "secrets.anthropicApiKey: must be an API key without spaces");
    }
    JsonObject mcp = object(secrets, "mcpCredentials", false);
    if (mcp != null) {
      for (String name : mcp.keySet()) {
        if (!mcpNames.contains(name)) {
          throw new InvalidRequestException(
              "secrets.mcpCredentials."
                  + name
                  + ": no MCP server of that name in agent.mcpServers");
        }
        JsonObject credential = object(mcp, name, true);
        String type =
            string(credential, "type", "secrets.mcpCredentials." + name + ".type", 1, 10, true);
        Set<String> allowed =
            switch (type) {
              case "bearer" -> Set.of("type", "token");
              case "oauth" ->
                  Set.of(
                      "type",
                      "accessToken",
                      "refreshToken",
                      "clientId",
                      "clientSecret",
                      "tokenUrl",
                      "expiresAt");
              default ->
                  throw new InvalidRequestException(
                      "secrets.mcpCredentials." + name + ".type: 'bearer' or 'oauth'");
            };
        only(credential, allowed, "secrets.mcpCredentials." + name + ".");
      }
    }
    return secrets;
  }

  private static void only(JsonObject object, Set<String> allowed, String prefix) {
    for (String key : object.keySet()) {
      if (!allowed.contains(key)) {
        throw new InvalidRequestException(prefix + key + ": unknown field");
      }
    }
  }

  private static JsonObject object(JsonObject parent, String key, boolean required) {
    JsonValue v = parent.get(key);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        throw new InvalidRequestException(key + ": required");
      }
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidRequestException(key + ": must be an object");
    }
    return v.asJsonObject();
  }

  private static String string(
      JsonObject parent, String key, String path, int min, int max, boolean required) {
    JsonValue v = parent.get(key);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        throw new InvalidRequestException(path + ": required");
      }
      return null;
    }
    if (v.getValueType() != JsonValue.ValueType.STRING) {
      throw new InvalidRequestException(path + ": must be a string");
    }
    String s = ((JsonString) v).getString();
    if (s.length() < min || s.length() > max) {
      throw new InvalidRequestException(path + ": " + min + "-" + max + " characters");
    }
    return s;
  }

  /** The request as stored and hashed: everything but the secrets. */
  public JsonObject withoutSecrets() {
    return withoutSecrets;
  }

  /** The secrets bundle, canonical JSON bytes, for the vault only. */
  public byte[] secretsBundle() {
    return CanonicalJson.canonical(secrets).getBytes(StandardCharsets.UTF_8);
  }

  public int timeoutSeconds() {
    return timeoutSeconds;
  }

  public boolean retainSession() {
    return retainSession;
  }

  public JsonObject metadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return "RunRequest["
        + withoutSecrets.getJsonObject("agent").getString("model")
        + ", secrets=***]";
  }
}
