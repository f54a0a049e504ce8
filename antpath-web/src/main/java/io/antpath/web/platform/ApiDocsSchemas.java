package io.antpath.web.platform;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * Makes the scanned schemas exact where the scanner guesses: ids are uuid strings, instants
 * date-time strings, byte counts 64-bit integers, free-form JSON objects objects, statuses enums;
 * the fields every answer carries are required. Also the submission body, which the resource reads
 * as raw JSON and the scanner cannot see.
 */
final class ApiDocsSchemas {
  static final String SUBMISSION = "RunSubmission";

  private static final Map<String, List<String>> REQUIRED =
      Map.ofEntries(
          Map.entry(
              "RunView",
              List.of(
                  "id",
                  "status",
                  "cleanupStatus",
                  "createdAt",
                  "timeoutSeconds",
                  "caps",
                  "metadata",
                  "request")),
          Map.entry("RunPage", List.of("items")),
          Map.entry("EventPage", List.of("items")),
          Map.entry("EventView", List.of("id", "type", "data")),
          Map.entry(
              "OutputView",
              List.of("id", "filename", "sizeBytes", "sha256", "contentType", "createdAt")),
          Map.entry("FailureView", List.of("reason", "createdAt")),
          Map.entry("OutputsView", List.of("outputs", "failures")),
          Map.entry("LinkView", List.of("url", "expiresAt")),
          Map.entry("TokenView", List.of("id", "name", "prefix", "scopes", "createdAt")),
          Map.entry(
              "CreatedTokenView", List.of("id", "name", "prefix", "scopes", "createdAt", "token")),
          Map.entry("TokenList", List.of("items")),
          Map.entry("CreateTokenRequest", List.of("name", "scopes")),
          Map.entry(
              "WorkspaceView",
              List.of("id", "slug", "name", "status", "createdAt", "caps", "usage")),
          Map.entry("Usage", List.of("storageUsedBytes", "liveRuns")),
          Map.entry("ServiceInfo", List.of("name", "apiVersion", "version")),
          Map.entry("Failure", List.of("code")));

  private static final Map<String, List<Object>> ENUMS =
      Map.of(
          "RunView.status",
              List.of(
                  "queued", "starting", "running", "succeeded", "failed", "timed_out", "canceled"),
          "RunView.cleanupStatus", List.of("pending", "in_progress", "done", "failed"),
          "WorkspaceView.status", List.of("active", "pending_delete"));

  private ApiDocsSchemas() {}

  /**
   * A run's caps and its workspace's are two records both called {@code Caps}, which the scanner
   * files under one schema name; each gets its own, exact schema here.
   */
  static void caps(org.eclipse.microprofile.openapi.models.Components components) {
    components.removeSchema("Caps");
    components.addSchema(
        "RunCaps",
        integers(
                "The caps frozen at submission.",
                "maxConcurrentRuns",
                "maxTimeoutSeconds",
                "storageCapBytes",
                "outputSafetyCapBytes")
            .required(
                List.of(
                    "tier",
                    "maxConcurrentRuns",
                    "storageCapBytes",
                    "outputSafetyCapBytes",
                    "maxTimeoutSeconds")));
    components.addSchema(
        "WorkspaceCaps",
        integers(
                "The caps of the workspace's tier in force now.",
                "maxConcurrentRuns",
                "maxQueuedRuns",
                "submissionsPerMinute",
                "defaultRunTimeoutSeconds",
                "maxRunTimeoutSeconds",
                "storageCapBytes",
                "outputSafetyCapBytes")
            .required(
                List.of(
                    "tier",
                    "maxConcurrentRuns",
                    "maxQueuedRuns",
                    "submissionsPerMinute",
                    "storageCapBytes",
                    "outputSafetyCapBytes",
                    "defaultRunTimeoutSeconds",
                    "maxRunTimeoutSeconds")));
    ref(components.getSchemas().get("RunView"), "caps", "RunCaps");
    ref(components.getSchemas().get("WorkspaceView"), "caps", "WorkspaceCaps");
  }

  /** An object with a tier name and these integer members ({@code ...Bytes} as int64). */
  private static Schema integers(String description, String... names) {
    Schema o =
        OASFactory.createSchema()
            .type(SchemaType.OBJECT)
            .description(description)
            .addProperty("tier", OASFactory.createSchema().type(SchemaType.STRING));
    for (String name : names) {
      Schema i = OASFactory.createSchema().type(SchemaType.INTEGER);
      o.addProperty(name, name.endsWith("Bytes") ? i.format("int64") : i);
    }
    return o;
  }

  private static void ref(Schema owner, String property, String schema) {
    if (owner != null && owner.getProperties() != null) {
      owner.addProperty(property, OASFactory.createSchema().ref("#/components/schemas/" + schema));
    }
  }

  /** The answer to POST /api/v1/tokens, which the scanner does not register. */
  static Schema createdToken() {
    Schema string = OASFactory.createSchema().type(SchemaType.STRING);
    return OASFactory.createSchema()
        .type(SchemaType.OBJECT)
        .description("A new token; token is its secret, shown in this response only.")
        .addProperty("id", OASFactory.createSchema().type(SchemaType.STRING).format("uuid"))
        .addProperty("name", string)
        .addProperty("prefix", string)
        .addProperty("scopes", OASFactory.createSchema().type(SchemaType.ARRAY).items(string))
        .addProperty(
            "createdAt", OASFactory.createSchema().type(SchemaType.STRING).format("date-time"))
        .addProperty(
            "expiresAt", OASFactory.createSchema().type(SchemaType.STRING).format("date-time"))
        .addProperty("token", OASFactory.createSchema().type(SchemaType.STRING).pattern("^apt_"))
        .required(List.of("id", "name", "prefix", "scopes", "createdAt", "token"));
  }

  static void refine(Map<String, Schema> schemas) {
    for (Map.Entry<String, Schema> s : schemas.entrySet()) {
      Map<String, Schema> properties = s.getValue().getProperties();
      if (properties == null) {
        continue;
      }
      for (Map.Entry<String, Schema> p : properties.entrySet()) {
        refine(s.getKey(), p.getKey(), p.getValue());
      }
      List<String> required = REQUIRED.get(s.getKey());
      if (required != null) {
        s.getValue().setRequired(required);
      }
    }
  }

  private static void refine(String owner, String name, Schema p) {
    if (p.getRef() != null) {
      return;
    }
    if (p.getType() == null
        || p.getType() == SchemaType.OBJECT
            && (p.getProperties() == null || p.getProperties().isEmpty())) {
      if (name.equals("id") || name.endsWith("Id") || name.equals("createdBy")) {
        p.type(SchemaType.STRING).format("uuid");
      } else if (name.endsWith("At")) {
        p.type(SchemaType.STRING).format("date-time");
      } else if (name.equals("metadata")) {
        p.type(SchemaType.OBJECT)
            .additionalPropertiesSchema(OASFactory.createSchema().type(SchemaType.STRING));
      } else {
        p.type(SchemaType.OBJECT).additionalPropertiesBoolean(true);
      }
    } else if (p.getType() == SchemaType.NUMBER) {
      p.type(SchemaType.INTEGER).format("int64");
    }
    List<Object> values = ENUMS.get(owner + "." + name);
    if (values != null) {
      p.enumeration(values);
    }
  }

  /** The body of POST /api/v1/runs, as {@code RunRequest} validates it. */
  static Schema submission() {
    Schema agent =
        OASFactory.createSchema()
            .type(SchemaType.OBJECT)
            .addProperty("model", string(1, 200))
            .addProperty("system", string(0, 200_000))
            .addProperty("tools", array(object("type"), 128))
            .addProperty(
                "mcpServers",
                array(
                    OASFactory.createSchema()
                        .type(SchemaType.OBJECT)
                        .addProperty("name", string(1, 64))
                        .addProperty("url", string(1, 2048).format("uri"))
                        .required(List.of("name", "url"))
                        .additionalPropertiesBoolean(false),
                    20))
            .addProperty("skills", array(object("type", "skill_id"), 20))
            .required(List.of("model"))
            .additionalPropertiesBoolean(false);
    Schema secrets =
        OASFactory.createSchema()
            .type(SchemaType.OBJECT)
            .description(
                "Sealed in the vault for the run's lifetime; never stored with the run, never"
                    + " answered. Keys and tokens are visible ASCII only (invalid_secret otherwise).")
            .addProperty(
                "anthropicApiKey",
                string(8, 4096).pattern("^sk-ant-[\\x21-\\x7E]+$").writeOnly(true))
            .addProperty(
                "mcpCredentials",
                OASFactory.createSchema()
                    .type(SchemaType.OBJECT)
                    .description(
                        "Per MCP server name: {type: bearer, token} or {type: oauth, ...}.")
                    .additionalPropertiesSchema(object("type")))
            .addProperty("skills", array(object("type", "skill_id"), 20))
            .required(List.of("anthropicApiKey"))
            .additionalPropertiesBoolean(false);
    return OASFactory.createSchema()
        .type(SchemaType.OBJECT)
        .description("A run: the agent, its environment, the prompt and the per-run secrets.")
        .addProperty("agent", agent)
        .addProperty(
            "environment",
            OASFactory.createSchema()
                .type(SchemaType.OBJECT)
                .addProperty("networking", object("type"))
                .addProperty("packages", OASFactory.createSchema().type(SchemaType.OBJECT))
                .additionalPropertiesBoolean(false))
        .addProperty(
            "input",
            OASFactory.createSchema()
                .description("The prompt: a string (at most 1 MB) or a list of content blocks.")
                .oneOf(
                    List.of(
                        string(1, 1_000_000),
                        array(OASFactory.createSchema().type(SchemaType.OBJECT), 0).minItems(1))))
        .addProperty(
            "timeoutSeconds",
            OASFactory.createSchema().type(SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE))
        .addProperty(
            "cleanup",
            OASFactory.createSchema()
                .type(SchemaType.OBJECT)
                .addProperty(
                    "claudeSession",
                    OASFactory.createSchema()
                        .type(SchemaType.STRING)
                        .enumeration(List.of("delete", "retain")))
                .additionalPropertiesBoolean(false))
        .addProperty(
            "metadata",
            OASFactory.createSchema()
                .type(SchemaType.OBJECT)
                .maxProperties(16)
                .additionalPropertiesSchema(string(0, 512)))
        .addProperty("secrets", secrets)
        .required(List.of("agent", "input", "secrets"))
        .additionalPropertiesBoolean(false);
  }

  private static Schema string(int min, int max) {
    return OASFactory.createSchema().type(SchemaType.STRING).minLength(min).maxLength(max);
  }

  /** An open object whose listed members are required strings. */
  private static Schema object(String... required) {
    Schema o = OASFactory.createSchema().type(SchemaType.OBJECT);
    for (String name : required) {
      o.addProperty(name, OASFactory.createSchema().type(SchemaType.STRING));
    }
    return o.required(List.of(required)).additionalPropertiesBoolean(true);
  }

  private static Schema array(Schema items, int max) {
    Schema a = OASFactory.createSchema().type(SchemaType.ARRAY).items(items);
    return max > 0 ? a.maxItems(max) : a;
  }
}
