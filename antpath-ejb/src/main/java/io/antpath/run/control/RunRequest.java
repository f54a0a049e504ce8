package io.antpath.run.control;

import io.antpath.access.entity.InvalidRequestException;
import io.antpath.run.entity.InvalidSecretException;
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
  private static final int MAX_TOOLS = 128;
  private static final int MAX_MCP_SERVERS = 20;
  private static final Set<String> SKILL = Set.of("type", "skill_id", "version");
  private static final Set<String> OAUTH =
      Set.of(
          "type",
          "accessToken",
          "refreshToken",
          "clientId",
          "clientSecret",
          "tokenUrl",
          "expiresAt");
  private static final int MAX_SECRET = 4096;
  private static final Pattern HEADER_SAFE =
      Pattern.compile("^[\\x21-\\x7E]{1," + MAX_SECRET + "}$");

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

  /**
   * Whether {@code key} may name a metadata entry: 1-64 of A-Z a-z 0-9 . _ - (the same rule for a
   * submission and for the filters of the runs API and the dashboard).
   */
  public static boolean isMetadataKey(String key) {
    return key != null && METADATA_KEY.matcher(key).matches();
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
    tools(agent);
    Set<String> mcpNames = mcpServers(agent);
    int agentSkills = skills(agent, "agent.skills");
    environment(body);
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

  /** Tools as the Claude API takes them: at most 128 objects, each with a string {@code type}. */
  private static void tools(JsonObject agent) {
    JsonValue v = agent.get("tools");
    if (v == null) {
      return;
    }
    if (v.getValueType() != JsonValue.ValueType.ARRAY || v.asJsonArray().size() > MAX_TOOLS) {
      throw new InvalidRequestException("agent.tools: an array of at most " + MAX_TOOLS + " tools");
    }
    for (JsonValue tool : v.asJsonArray()) {
      if (tool.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidRequestException("agent.tools: entries must be objects {type, ...}");
      }
      string(tool.asJsonObject(), "type", "agent.tools[].type", 1, 64, true);
    }
  }

  /** {@code environment.networking {type, ...}} and {@code environment.packages {...}}. */
  private static void environment(JsonObject body) {
    JsonObject environment = object(body, "environment", false);
    if (environment == null) {
      return;
    }
    only(environment, ENVIRONMENT, "environment.");
    JsonObject networking = object(environment, "networking", false);
    if (networking != null) {
      string(networking, "type", "environment.networking.type", 1, 64, true);
    }
    object(environment, "packages", false);
  }

  private static Set<String> mcpServers(JsonObject agent) {
    Set<String> names = new HashSet<>();
    if (!agent.containsKey("mcpServers")) {
      return names;
    }
    if (agent.get("mcpServers").getValueType() != JsonValue.ValueType.ARRAY
        || agent.getJsonArray("mcpServers").size() > MAX_MCP_SERVERS) {
      throw new InvalidRequestException(
          "agent.mcpServers: an array of at most " + MAX_MCP_SERVERS + " servers");
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
    String key = secretString(secrets, "anthropicApiKey", "secrets.anthropicApiKey", true);
    if (!key.startsWith("sk-ant-") || key.length() == "sk-ant-".length()) {
      throw new InvalidSecretException(
          "secrets.anthropicApiKey: not an Anthropic API key (they start with sk-ant-)");
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
        mcpCredential(object(mcp, name, true), "secrets.mcpCredentials." + name + ".");
      }
    }
    return secrets;
  }

  /** One MCP credential: every field a string; tokens and client secrets header-safe. */
  private static void mcpCredential(JsonObject credential, String prefix) {
    String type = string(credential, "type", prefix + "type", 1, 10, true);
    switch (type) {
      case "bearer" -> {
        only(credential, Set.of("type", "token"), prefix);
        secretString(credential, "token", prefix + "token", true);
      }
      case "oauth" -> {
        only(credential, OAUTH, prefix);
        secretString(credential, "accessToken", prefix + "accessToken", true);
        secretString(credential, "refreshToken", prefix + "refreshToken", false);
        secretString(credential, "clientId", prefix + "clientId", false);
        secretString(credential, "clientSecret", prefix + "clientSecret", false);
        String tokenUrl = string(credential, "tokenUrl", prefix + "tokenUrl", 1, 2048, false);
        if (tokenUrl != null && !isHttpsUrl(tokenUrl)) {
          throw new InvalidRequestException(prefix + "tokenUrl: must be an absolute https URL");
        }
        String expiresAt = string(credential, "expiresAt", prefix + "expiresAt", 1, 64, false);
        if (expiresAt != null) {
          try {
            java.time.Instant.parse(expiresAt);
          } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidRequestException(
                prefix + "expiresAt: an ISO-8601 instant such as 2026-11-24T18:00:00Z");
          }
        }
      }
      default -> throw new InvalidRequestException(prefix + "type: 'bearer' or 'oauth'");
    }
  }

  /**
   * A secret string: 1-4096 visible ASCII characters (what an HTTP header value can carry without
   * folding or encoding). The detail names the field and the rule, never the value or the offending
   * character.
   */
  private static String secretString(JsonObject parent, String key, String path, boolean required) {
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
    if (!HEADER_SAFE.matcher(s).matches()) {
      throw new InvalidSecretException(
          path
              + ": 1-"
              + MAX_SECRET
              + " visible ASCII characters, without spaces, control characters or typographic"
              + " quotes (check what was pasted)");
    }
    return s;
  }

  private static boolean isHttpsUrl(String url) {
    try {
      URI uri = new URI(url);
      return "https".equals(uri.getScheme()) && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
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
