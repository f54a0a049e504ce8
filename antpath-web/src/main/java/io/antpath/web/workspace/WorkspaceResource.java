package io.antpath.web.workspace;

import io.antpath.web.platform.CallerContext;
import io.antpath.workspace.boundary.Workspaces;
import io.antpath.workspace.control.TierCaps;
import io.antpath.workspace.entity.Workspace;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/workspace}: the workspace the credential belongs to, its caps and usage. */
@Path("workspace")
@Tag(name = "workspace", description = "The token's workspace.")
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceResource {
  @Inject CallerContext caller;
  @Inject Workspaces workspaces;

  /** Current usage against the caps. */
  public record Usage(long storageUsedBytes, long liveRuns) {}

  /** The wire form. */
  public record WorkspaceView(
      UUID id,
      String slug,
      String name,
      String status,
      Instant createdAt,
      TierCaps.Caps caps,
      Usage usage) {}

  @GET
  @Operation(
      summary = "The token's workspace",
      description =
          "Id, slug, name, status, the tier caps in force and current usage. Any valid token.")
  public WorkspaceView get() {
    Workspaces.Summary s = workspaces.current(caller.get());
    Workspace ws = s.workspace();
    return new WorkspaceView(
        ws.getId(),
        ws.getSlug(),
        ws.getName(),
        ws.getStatus().name().toLowerCase(java.util.Locale.ROOT),
        ws.getCreatedAt(),
        s.caps(),
        new Usage(ws.getStorageUsedBytes(), s.liveRuns()));
  }
}
