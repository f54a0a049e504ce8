package io.antpath.web.platform;

import io.antpath.web.run.RunsResource;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Per-operation corrections of the scanned document: who needs a token, success responses under
 * their real status (the scanner files them as {@code default}), typed query parameters (the
 * resources read them as text to answer 400 on bad input), the submission body's schema, the
 * download's binary and partial answers, 406/415, and the response headers.
 */
final class ApiDocsOperations {
  private static final String RUN_VIEW = "#/components/schemas/RunView";

  private ApiDocsOperations() {}

  static void refine(String path, String method, Operation op) {
    boolean publicOp = path.equals("/api/v1") || path.startsWith("/api/v1/downloads/");
    // An empty requirement: no token needed (the document's default is the bearer token).
    op.setSecurity(
        List.of(
            publicOp
                ? OASFactory.createSecurityRequirement()
                : OASFactory.createSecurityRequirement().addScheme(ApiDocsFilter.BEARER)));
    if (op.getResponses() == null) {
      op.setResponses(OASFactory.createAPIResponses());
    }
    APIResponses responses = op.getResponses();
    APIResponse fallback = responses.getAPIResponse("default");
    if (fallback != null) {
      responses.removeAPIResponse("default");
      if (responses.getAPIResponses().keySet().stream().noneMatch(s -> s.startsWith("2"))) {
        responses.addAPIResponse("200", fallback.description("OK"));
      }
    }
    if (op.getParameters() != null) {
      for (Parameter p : op.getParameters()) {
        Schema typed =
            p.getName().equals("limit") ? limit(path.endsWith("/events")) : QUERY.get(p.getName());
        if (p.getIn() == Parameter.In.QUERY && typed != null) {
          p.setSchema(typed);
        }
      }
    }
    if (path.equals("/api/v1/runs") && method.equals("POST") && op.getRequestBody() != null) {
      op.getRequestBody()
          .getContent()
          .getMediaTypes()
          .values()
          .forEach(
              m -> {
                m.setSchema(ref("#/components/schemas/" + ApiDocsSchemas.SUBMISSION));
                if (m.getExamples() != null) {
                  m.getExamples().values().forEach(e -> e.setValue(jsonValue(e.getValue())));
                }
              });
    }
    for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
      if (r.getValue().getContent() != null) {
        r.getValue().getContent().getMediaTypes().values().forEach(m -> scrub(m.getSchema()));
      }
      String component = BODIES.get(method + " " + path + " " + r.getKey());
      if (component != null && r.getValue().getContent() != null) {
        r.getValue()
            .getContent()
            .getMediaTypes()
            .values()
            .forEach(m -> m.setSchema(ref("#/components/schemas/" + component)));
      }
    }
    if (path.endsWith("/cancel") && !responses.hasAPIResponse("200")) {
      responses.addAPIResponse(
          "200", json("The run, cancelled or with its cancel requested.", RUN_VIEW));
    }
    if (path.startsWith("/api/v1/downloads/")) {
      download(responses);
    }
    if (path.startsWith("/api/v1")) {
      add(responses, "406", "The Accept header excludes application/json (code not_acceptable).");
      if (op.getRequestBody() != null) {
        add(responses, "415", "The body is not application/json (code unsupported_media_type).");
        add(responses, "413", "The body is larger than 8 MB (code payload_too_large).");
      }
    }
    if (path.equals("/api/v1/runs") && method.equals("POST") && responses.hasAPIResponse("200")) {
      responses
          .getAPIResponse("200")
          .addHeader(
              "Idempotent-Replayed",
              header("true: this answers an earlier submission with the same key.", "string"));
    }
  }

  /**
   * Success bodies declared with {@code @Schema(implementation = ...)}: the scanner inlines them as
   * copies (with a bogus {@code maxProperties: 0}); generated clients need the named schema.
   */
  private static final Map<String, String> BODIES =
      Map.of(
          "POST /api/v1/runs 201", "RunView",
          "POST /api/v1/runs 200", "RunView",
          "DELETE /api/v1/runs/{id} 202", "RunView",
          "POST /api/v1/tokens 201", "CreatedTokenView");

  private static final Map<String, Schema> QUERY =
      Map.of(
          "after",
              OASFactory.createSchema()
                  .type(SchemaType.INTEGER)
                  .format("int64")
                  .minimum(BigDecimal.ZERO),
          "expires",
              OASFactory.createSchema()
                  .type(SchemaType.INTEGER)
                  .format("int64")
                  .minimum(BigDecimal.ZERO),
          "createdFrom", OASFactory.createSchema().type(SchemaType.STRING).format("date-time"),
          "createdBefore", OASFactory.createSchema().type(SchemaType.STRING).format("date-time"),
          "status",
              OASFactory.createSchema()
                  .type(SchemaType.STRING)
                  .enumeration(
                      List.of(
                          "queued",
                          "starting",
                          "running",
                          "succeeded",
                          "failed",
                          "timed_out",
                          "canceled")));

  /** A list's page size, with the bounds and default the resource applies (QueryParams.intIn). */
  private static Schema limit(boolean events) {
    return OASFactory.createSchema()
        .type(SchemaType.INTEGER)
        .minimum(BigDecimal.ONE)
        .maximum(
            BigDecimal.valueOf(
                events ? RunsResource.EVENTS_LIMIT_MAX : RunsResource.RUNS_LIMIT_MAX))
        .defaultValue(events ? RunsResource.EVENTS_LIMIT_DEFAULT : RunsResource.RUNS_LIMIT_DEFAULT);
  }

  /**
   * The download's answers. The file comes with the Content-Type stored with it (the output's
   * {@code contentType}), so the document names no one media type for it.
   */
  private static void download(APIResponses responses) {
    Schema binary = OASFactory.createSchema().type(SchemaType.STRING).format("binary");
    APIResponse whole =
        OASFactory.createAPIResponse()
            .description("The file, with its stored Content-Type.")
            .content(
                OASFactory.createContent()
                    .addMediaType("*/*", OASFactory.createMediaType().schema(binary)))
            .addHeader("Content-Disposition", header("attachment with a safe file name", "string"))
            .addHeader("Accept-Ranges", header("bytes", "string"))
            .addHeader("ETag", header("The file's SHA-256, quoted.", "string"));
    responses.addAPIResponse("200", whole);
    responses.addAPIResponse(
        "206",
        OASFactory.createAPIResponse()
            .description("One byte range of the file (Range: bytes=a-b, a- or -n).")
            .content(
                OASFactory.createContent()
                    .addMediaType("*/*", OASFactory.createMediaType().schema(binary)))
            .addHeader("Content-Range", header("bytes a-b/size", "string")));
    responses.addAPIResponse(
        "416",
        ApiDocsFilter.problem("The range is outside the file (code range_not_satisfiable).")
            .addHeader("Content-Range", header("bytes */size", "string")));
  }

  /**
   * Headers every response carries, and those of 201 and 429; required, as the server always sends
   * them (ApiContractST checks every answer against that).
   */
  static void headers(APIResponses responses) {
    for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
      r.getValue()
          .addHeader(
              "X-Request-Id", header("This request's id; quote it.", "string").required(true));
      if (r.getKey().equals("201")) {
        r.getValue()
            .addHeader("Location", header("The created resource.", "string").required(true));
      }
      if (r.getKey().equals("429")) {
        r.getValue().addHeader("Retry-After", header("Seconds to wait.", "integer").required(true));
      }
    }
  }

  private static void add(APIResponses responses, String status, String description) {
    if (!responses.hasAPIResponse(status)) {
      responses.addAPIResponse(status, ApiDocsFilter.problem(description));
    }
  }

  private static Header header(String description, String type) {
    return OASFactory.createHeader()
        .description(description)
        .schema(
            OASFactory.createSchema()
                .type(type.equals("integer") ? SchemaType.INTEGER : SchemaType.STRING));
  }

  /**
   * Removes the scanner's defaults from an inline schema ({@code maxProperties: 0} would forbid
   * every property of an object).
   */
  private static void scrub(Schema schema) {
    if (schema == null || schema.getRef() != null) {
      return;
    }
    if (Integer.valueOf(0).equals(schema.getMaxProperties())) {
      schema.setMaxProperties(null);
      schema.setMinProperties(null);
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(ApiDocsOperations::scrub);
    }
    scrub(schema.getItems());
  }

  /** An example given as JSON text in an annotation, as the JSON value it means. */
  static Object jsonValue(Object value) {
    if (!(value instanceof String text) || !text.startsWith("{")) {
      return value;
    }
    return java(jakarta.json.Json.createReader(new java.io.StringReader(text)).readValue());
  }

  private static Object java(jakarta.json.JsonValue v) {
    return switch (v.getValueType()) {
      case OBJECT -> {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        v.asJsonObject().forEach((k, x) -> m.put(k, java(x)));
        yield m;
      }
      case ARRAY -> v.asJsonArray().stream().map(ApiDocsOperations::java).toList();
      case STRING -> ((jakarta.json.JsonString) v).getString();
      case NUMBER -> ((jakarta.json.JsonNumber) v).bigDecimalValue();
      case TRUE -> true;
      case FALSE -> false;
      case NULL -> null;
    };
  }

  private static Schema ref(String ref) {
    return OASFactory.createSchema().ref(ref);
  }

  private static APIResponse json(String description, String schemaRef) {
    return OASFactory.createAPIResponse()
        .description(description)
        .content(
            OASFactory.createContent()
                .addMediaType(
                    "application/json", OASFactory.createMediaType().schema(ref(schemaRef))));
  }
}
