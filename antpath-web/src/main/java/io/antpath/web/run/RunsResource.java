package io.antpath.web.run;

import io.antpath.access.entity.InvalidRequestException;
import io.antpath.capture.boundary.OutputLinks;
import io.antpath.capture.boundary.RunOutputs;
import io.antpath.capture.entity.OutputCaptureFailure;
import io.antpath.capture.entity.OutputObject;
import io.antpath.run.boundary.RunControl;
import io.antpath.run.boundary.Runs;
import io.antpath.run.control.RunRequest;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunEvent;
import io.antpath.run.entity.RunStatus;
import io.antpath.web.platform.ApiDocsFilter;
import io.antpath.web.platform.CallerContext;
import io.antpath.web.platform.Cursor;
import io.antpath.web.platform.PathIds;
import io.antpath.web.platform.Problem;
import io.antpath.web.platform.QueryParams;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/runs}: submit, list, and per run read, cancel, delete, events and outputs. One
 * root class on purpose: a second root class at {@code runs/{id}} made Jersey answer 405 for
 * DELETE, and Payara's OpenAPI scanner cannot document sub-resource locators.
 */
@Path("runs")
@Tag(
    name = "runs",
    description = "Submit, read, cancel and delete runs; read their events and outputs.")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
  /** {@code limit} of the run list: 1 to this, default {@link #RUNS_LIMIT_DEFAULT}. */
  public static final int RUNS_LIMIT_MAX = 100;

  public static final int RUNS_LIMIT_DEFAULT = 50;

  /** {@code limit} of a run's events: 1 to this, default {@link #EVENTS_LIMIT_DEFAULT}. */
  public static final int EVENTS_LIMIT_MAX = 500;

  public static final int EVENTS_LIMIT_DEFAULT = 100;

  @Inject CallerContext caller;
  @Inject Runs runs;
  @Inject RunControl control;
  @Inject OutputLinks links;
  @Inject RunOutputs outputs;

  @Inject
  @org.eclipse.microprofile.config.inject.ConfigProperty(name = "antpath.http.public-url")
  java.util.Optional<String> publicUrl;

  /** One page of runs; pass {@code nextCursor} as {@code cursor} for the next one. */
  public record RunPage(List<RunView> items, String nextCursor) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Submit a run",
      description =
          "Validates the request, seals secrets in the vault and queues the run. Idempotency-Key"
              + " (at most 255 characters) makes retries safe: the same key and body (secrets"
              + " excluded) answers the original run with 200 and Idempotent-Replayed: true."
              + " Unknown fields are refused; there is no field to switch output capture off."
              + " Scope runs:write.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "minimal",
                      value =
                          "{\"agent\":{\"model\":\"claude-sonnet-4-5\"},\"input\":\"Write"
                              + " hello.txt\",\"metadata\":{\"sim.scenario\":\"success\"},"
                              + "\"secrets\":{\"anthropicApiKey\":\"sk-ant-...\"}}")))
  @APIResponse(
      responseCode = "201",
      description = "Queued; Location names the run.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunView.class)))
  @APIResponse(
      responseCode = "200",
      description = "A replay of an earlier submission (header Idempotent-Replayed: true).",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunView.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "idempotency_conflict (the key was used with another body), quota_exceeded (queued-run"
              + " cap or storage full), workspace_pending_delete.",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(ref = ApiDocsFilter.PROBLEM_SCHEMA)))
  public Response submit(
      JsonObject body, @HeaderParam("Idempotency-Key") String key, @Context UriInfo uri) {
    Runs.Submission s = runs.submit(caller.get(), body, key);
    RunView view = RunView.of(s.run());
    if (s.replayed()) {
      return Response.ok(view).header("Idempotent-Replayed", "true").build();
    }
    return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
        .entity(view)
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(
      summary = "Get a run",
      description =
          "Status, cleanup status, timings, frozen caps, metadata and the request without its"
              + " secrets. Scope runs:read.")
  public RunView get(@PathParam("id") String id) {
    return RunView.of(runs.get(caller.get(), PathIds.parse(id, "run")));
  }

  /** A redacted provider event. */
  public record EventView(long id, String type, Instant occurredAt, JsonObject data) {}

  /** Events after {@code after}; pass {@code nextAfter} back to continue. */
  public record EventPage(List<EventView> items, Long nextAfter) {}

  /** A captured output file. */
  public record OutputView(
      UUID id,
      String filename,
      long sizeBytes,
      String sha256,
      String contentType,
      Instant createdAt) {}

  /** A file that was not captured (read-only: it has no download link). */
  public record FailureView(
      String filename, Long sizeBytes, String reason, String detail, Instant createdAt) {}

  /** Outputs and capture failures side by side. */
  public record OutputsView(List<OutputView> outputs, List<FailureView> failures) {}

  @POST
  @Path("{id}/cancel")
  @Operation(
      summary = "Cancel a run",
      description =
          "A queued run nobody works on is cancelled at once; otherwise the worker stops the"
              + " session before its next step, then captures outputs and cleans up. Cancelling a"
              + " cancelled run is a no-op. Audited and rate-limited. Scope runs:write.")
  @APIResponse(
      responseCode = "409",
      description = "run_terminal: the run already ended otherwise.",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(ref = ApiDocsFilter.PROBLEM_SCHEMA)))
  public RunView cancel(@PathParam("id") String id) {
    return RunView.of(control.cancel(caller.get(), PathIds.parse(id, "run")));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Delete a run",
      description =
          "The run becomes pending deletion (cancelled first when live); its data goes only after"
              + " cleanup and storage deletion. Audited and rate-limited. Scope runs:write.")
  @APIResponse(
      responseCode = "202",
      description = "Accepted: pending deletion.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunView.class)))
  public Response delete(@PathParam("id") String id) {
    return Response.accepted(RunView.of(control.delete(caller.get(), PathIds.parse(id, "run"))))
        .build();
  }

  @GET
  @Path("{id}/events")
  @Operation(
      summary = "List a run's events",
      description =
          "Redacted event metadata (type, time, sizes, tool names, stop reasons, usage) in order,"
              + " after the event id `after`; pass nextAfter back as after. limit 1-500, default"
              + " 100. Scope runs:read.")
  public EventPage events(
      @PathParam("id") String id,
      @QueryParam("after") String afterParam,
      @QueryParam("limit") String limit) {
    int size = QueryParams.intIn("limit", limit, EVENTS_LIMIT_DEFAULT, 1, EVENTS_LIMIT_MAX);
    Long after = QueryParams.optionalLong("after", afterParam, 0, Long.MAX_VALUE);
    List<RunEvent> events =
        runs.events(caller.get(), PathIds.parse(id, "run"), after == null ? 0 : after, size);
    List<EventView> items =
        events.stream()
            .map(
                e ->
                    new EventView(
                        e.getId(),
                        e.getType(),
                        e.getOccurredAt().orElse(null),
                        Json.createReader(new StringReader(e.getData())).readObject()))
            .toList();
    return new EventPage(
        items, items.isEmpty() ? after : Long.valueOf(items.get(items.size() - 1).id()));
  }

  @GET
  @Path("{id}/outputs")
  @Operation(
      summary = "List a run's outputs",
      description =
          "Captured files and capture failures (e.g. workspace_quota_exceeded) side by side."
              + " Scope outputs:read.")
  public OutputsView outputs(@PathParam("id") String id) {
    RunOutputs.Listing o = outputs.list(caller.get(), PathIds.parse(id, "run"));
    return new OutputsView(
        o.outputs().stream().map(RunsResource::view).toList(),
        o.failures().stream().map(RunsResource::view).toList());
  }

  /** A signed download URL; anyone holding it can download the file until it expires. */
  public record LinkView(String url, Instant expiresAt) {}

  @POST
  @Path("{id}/outputs/{outputId}/link")
  @Operation(
      summary = "Create a download link for an output",
      description =
          "A signed URL served by antpath (no token needed to follow it) that expires after"
              + " antpath.links.ttl-seconds; it answers the file with its Content-Type, a safe"
              + " Content-Disposition and byte ranges. Capture failures have no link. Audited and"
              + " rate-limited. Scope outputs:read.")
  public LinkView link(
      @PathParam("id") String id, @PathParam("outputId") String outputId, @Context UriInfo uri) {
    OutputLinks.Link link =
        links.create(caller.get(), PathIds.parse(id, "run"), PathIds.parse(outputId, "output"));
    if (link.direct().isPresent()) {
      return new LinkView(link.direct().get().toString(), Instant.ofEpochSecond(link.expires()));
    }
    // Behind a proxy the request's own base is internal: the configured public URL wins.
    jakarta.ws.rs.core.UriBuilder base =
        publicUrl
            .map(
                p ->
                    jakarta.ws.rs.core.UriBuilder.fromUri(p.replaceAll("/+$", ""))
                        .path(uri.getBaseUri().getPath()))
            .orElseGet(uri::getBaseUriBuilder);
    String url =
        base.path("downloads")
            .path(link.workspaceId().toString())
            .path(link.outputId().toString())
            .queryParam("expires", link.expires())
            .queryParam("signature", link.signature())
            .build()
            .toString();
    return new LinkView(url, Instant.ofEpochSecond(link.expires()));
  }

  private static OutputView view(OutputObject o) {
    return new OutputView(
        o.getId(),
        o.getFilename(),
        o.getSizeBytes(),
        HexFormat.of().formatHex(o.getSha256()),
        o.getContentType(),
        o.getCreatedAt());
  }

  private static FailureView view(OutputCaptureFailure f) {
    return new FailureView(
        f.getFilename().orElse(null),
        f.getSizeBytes().isPresent() ? f.getSizeBytes().getAsLong() : null,
        f.getReason().name().toLowerCase(Locale.ROOT),
        f.getDetail().orElse(null),
        f.getCreatedAt());
  }

  @GET
  @Operation(
      summary = "List runs",
      description =
          "Newest first, keyset-paged (limit 1-100, default 50; pass nextCursor back as cursor)."
              + " Filters: status, createdFrom/createdBefore (ISO-8601 instants),"
              + " metadata=key:value. Scope runs:read.")
  public RunPage list(
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor,
      @QueryParam("status") String status,
      @QueryParam("createdFrom") String createdFrom,
      @QueryParam("createdBefore") String createdBefore,
      @QueryParam("metadata") String metadata) {
    int size = QueryParams.intIn("limit", limit, RUNS_LIMIT_DEFAULT, 1, RUNS_LIMIT_MAX);
    Runs.Filter filter =
        new Runs.Filter(
            status(status),
            QueryParams.instant("createdFrom", createdFrom),
            QueryParams.instant("createdBefore", createdBefore),
            metadataKey(metadata),
            metadataValue(metadata));
    Instant afterCreated = null;
    UUID afterId = null;
    if (cursor != null) {
      try {
        Cursor position = Cursor.decode(cursor).orElseThrow();
        afterCreated = position.at();
        afterId = UUID.fromString(position.id());
      } catch (RuntimeException e) {
        throw new InvalidRequestException("cursor: not a cursor this API returned");
      }
    }
    List<Run> page = runs.page(caller.get(), filter, afterCreated, afterId, size + 1);
    String next = null;
    if (page.size() > size) {
      page = page.subList(0, size);
      Run last = page.get(size - 1);
      next = new Cursor(last.getCreatedAt(), last.getId().toString()).encode();
    }
    return new RunPage(page.stream().map(RunView::of).toList(), next);
  }

  private static RunStatus status(String status) {
    if (status == null) {
      return null;
    }
    try {
      return RunStatus.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "status: one of queued, starting, running, succeeded, failed, timed_out, canceled");
    }
  }

  /** {@code metadata=key:value}; keys follow the submission rule. */
  private static String metadataKey(String metadata) {
    if (metadata == null) {
      return null;
    }
    int colon = metadata.indexOf(':');
    String key = colon < 0 ? "" : metadata.substring(0, colon);
    if (!RunRequest.isMetadataKey(key)) {
      throw new InvalidRequestException(
          "metadata: key:value with a key of 1-64 of A-Z a-z 0-9 . _ -");
    }
    return key;
  }

  private static String metadataValue(String metadata) {
    return metadata == null ? null : metadata.substring(metadata.indexOf(':') + 1);
  }
}
