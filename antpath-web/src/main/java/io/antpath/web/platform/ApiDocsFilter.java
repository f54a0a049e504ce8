package io.antpath.web.platform;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Adds what every operation of {@code /api/v1} shares to the generated OpenAPI document, so that no
 * resource method has to repeat it: the {@code Problem} schema, and the error responses the
 * platform gives for any call (400 bad input, 401 no or invalid token, 403 scope or role, 404 a
 * resource not in your workspace, 429 rate limits, 500). Operation-specific errors (409 codes) stay
 * on the methods. Registered through {@code mp.openapi.filter}.
 */
public class ApiDocsFilter implements OASFilter {
  /** The problem schema, by name (annotations refer to it). */
  public static final String PROBLEM_SCHEMA = "Problem";

  static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

  private static final Map<String, String> COMMON =
      Map.of(
          "400",
              "Bad input: malformed JSON, an unknown field, a missing or invalid value (code"
                  + " invalid_request).",
          "401",
              "No token (code unauthenticated), or one that is malformed, unknown, revoked or"
                  + " expired (code invalid_token).",
          "403", "The token's scopes or its creator's role do not allow this (code forbidden).",
          "429",
              "Too many requests in the window (code rate_limited); Retry-After says how many"
                  + " seconds to wait.",
          "500", "Our fault (code internal_error); quote the requestId.");

  /** Operation ids by "METHOD path": stable names for generated clients. */
  private static final Map<String, String> OPERATION_IDS =
      Map.ofEntries(
          Map.entry("GET /api/v1", "getServiceInfo"),
          Map.entry("POST /api/v1/runs", "createRun"),
          Map.entry("GET /api/v1/runs", "listRuns"),
          Map.entry("GET /api/v1/runs/{id}", "getRun"),
          Map.entry("DELETE /api/v1/runs/{id}", "deleteRun"),
          Map.entry("POST /api/v1/runs/{id}/cancel", "cancelRun"),
          Map.entry("GET /api/v1/runs/{id}/events", "listRunEvents"),
          Map.entry("GET /api/v1/runs/{id}/events/stream", "streamRunEvents"),
          Map.entry("GET /api/v1/runs/{id}/outputs", "listRunOutputs"),
          Map.entry("POST /api/v1/runs/{id}/outputs/{outputId}/link", "createOutputLink"),
          Map.entry("GET /api/v1/downloads/{workspaceId}/{outputId}", "downloadOutput"),
          Map.entry("GET /api/v1/tokens", "listTokens"),
          Map.entry("POST /api/v1/tokens", "createToken"),
          Map.entry("GET /api/v1/tokens/{id}", "getToken"),
          Map.entry("DELETE /api/v1/tokens/{id}", "revokeToken"),
          Map.entry("GET /api/v1/workspace", "getWorkspace"));

  static final String BEARER = "bearerAuth";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    dropPayaraEndpoints(openAPI);
    uniqueTags(openAPI);
    openAPI.info(
        OASFactory.createInfo()
            .title("antpath API")
            .version("v1")
            .license(OASFactory.createLicense().name("Proprietary").url("https://antpath.io/terms"))
            .description(
                "Runs Claude Managed Agents sessions for a workspace. Every error is an"
                    + " application/problem+json document with a stable code and the request id."));
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI.getComponents().addSchema(PROBLEM_SCHEMA, problemSchema());
    openAPI
        .getComponents()
        .addSecurityScheme(
            BEARER,
            OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description(
                    "An antpath API token (apt_...), scoped to one workspace; or, with single"
                        + " sign-on configured, an access token (JWT) of the OpenID Connect"
                        + " provider, acting as its user with their role in the workspace the"
                        + " Antpath-Workspace header names (slug or id; optional for a user of one"
                        + " workspace)."));
    // Relative to where the document is served, so it is right behind any proxy.
    openAPI.setServers(List.of(OASFactory.createServer().url("/").description("this server")));
    openAPI.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
    if (openAPI.getComponents().getSchemas() != null) {
      ApiDocsSchemas.refine(openAPI.getComponents().getSchemas());
      ApiDocsSchemas.caps(openAPI.getComponents());
    }
    // Added after the refinement: it is exact already.
    openAPI.getComponents().addSchema(ApiDocsSchemas.SUBMISSION, ApiDocsSchemas.submission());
    openAPI.getComponents().addSchema("CreatedTokenView", ApiDocsSchemas.createdToken());
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> op :
          path.getValue().getOperations().entrySet()) {
        ApiDocsOperations.refine(path.getKey(), op.getKey().name(), op.getValue());
        String id = OPERATION_IDS.get(op.getKey().name() + " " + path.getKey());
        if (id != null) {
          op.getValue().setOperationId(id);
        }
        if (!path.getKey().startsWith("/api/v1/")) {
          continue; // GET /api/v1 is public and cannot fail but with 500
        }
        APIResponses responses = op.getValue().getResponses();
        for (Map.Entry<String, String> e : COMMON.entrySet()) {
          add(responses, e.getKey(), e.getValue());
        }
        if (path.getKey().contains("{")) {
          add(
              responses,
              "404",
              "No such resource in the token's workspace (code not_found); another workspace's"
                  + " resources answer the same.");
        }
        ApiDocsOperations.headers(responses);
      }
    }
  }

  /**
   * Payara's model carries a non-standard top-level {@code endpoints} member (its own list of the
   * deployed paths) that strict OpenAPI parsers refuse. It is a field of the implementation, not an
   * extension, so it is cleared reflectively; if a later Payara renames it, the document keeps it
   * and OpenApiIT says so.
   */
  private static void dropPayaraEndpoints(OpenAPI openAPI) {
    for (Class<?> c = openAPI.getClass(); c != null; c = c.getSuperclass()) {
      try {
        java.lang.reflect.Field endpoints = c.getDeclaredField("endpoints");
        endpoints.setAccessible(true);
        endpoints.set(openAPI, new java.util.LinkedHashMap<String, java.util.Set<String>>());
        return;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        return;
      }
    }
  }

  /** One tag per name (two resource classes may share one), the described one kept. */
  private static void uniqueTags(OpenAPI openAPI) {
    if (openAPI.getTags() == null) {
      return;
    }
    Map<String, org.eclipse.microprofile.openapi.models.tags.Tag> byName =
        new java.util.LinkedHashMap<>();
    for (org.eclipse.microprofile.openapi.models.tags.Tag tag : openAPI.getTags()) {
      byName.merge(tag.getName(), tag, (a, b) -> a.getDescription() != null ? a : b);
    }
    openAPI.setTags(new java.util.ArrayList<>(byName.values()));
  }

  private static void add(APIResponses responses, String status, String description) {
    if (responses.hasAPIResponse(status)) {
      return;
    }
    responses.addAPIResponse(status, problem(description));
  }

  /** A response whose body is the problem document. */
  static APIResponse problem(String description) {
    MediaType media =
        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF));
    Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
    return OASFactory.createAPIResponse().description(description).content(content);
  }

  private static Schema problemSchema() {
    return OASFactory.createSchema()
        .type(Schema.SchemaType.OBJECT)
        .description("RFC 9457 problem document with antpath's stable error code and request id.")
        .addProperty("type", string("A URI naming the problem kind."))
        .addProperty("title", string("A short summary of the problem kind."))
        .addProperty(
            "status",
            OASFactory.createSchema().type(Schema.SchemaType.INTEGER).description("HTTP status."))
        .addProperty("detail", string("What was wrong with this request; never a secret."))
        .addProperty(
            "code", string("Stable machine-readable code, e.g. invalid_request, quota_exceeded."))
        .addProperty("requestId", string("The X-Request-Id of this response; quote it."))
        .addRequired("type")
        .addRequired("title")
        .addRequired("status")
        .addRequired("code")
        .addRequired("requestId")
        .example(
            Map.of(
                "type", "https://antpath.io/problems/invalid-token",
                "title", "Authentication required",
                "status", 401,
                "detail", "the API token is not valid",
                "code", "invalid_token",
                "requestId", "req_6f1c0a9e"));
  }

  private static Schema string(String description) {
    return OASFactory.createSchema().type(Schema.SchemaType.STRING).description(description);
  }
}
