package io.antpath.web.output;

import io.antpath.capture.boundary.OutputLinks;
import io.antpath.capture.control.OutputNames;
import io.antpath.capture.control.OutputStorage;
import io.antpath.web.platform.PathIds;
import io.antpath.web.platform.Problem;
import io.antpath.web.platform.ProblemMapper;
import io.antpath.web.platform.Public;
import io.antpath.web.platform.QueryParams;
import io.antpath.web.platform.RequestId;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/downloads/{workspace}/{output}?expires=&signature=}: the file behind a signed
 * link. Public: the signature is the credential (it binds workspace, output and expiry). Serves the
 * stored Content-Type, an attachment disposition with a safe file name, {@code nosniff}, and one
 * byte range ({@code Range: bytes=a-b}, {@code a-}, {@code -n}) with 206, or 416 when it cannot be
 * satisfied.
 */
@Path("downloads")
@Public
@Tag(name = "outputs", description = "Download captured outputs through signed links.")
public class DownloadsResource {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final int BUFFER = 64 * 1024;

  @Inject OutputLinks links;
  @Inject RequestId requestId;

  @GET
  @Path("{workspaceId}/{outputId}")
  @Operation(
      summary = "Download an output through a signed link",
      description =
          "Follows a link from POST /api/v1/runs/{id}/outputs/{outputId}/link; no token. 403"
              + " link_expired or link_invalid (tampered, another workspace's, or from a removed"
              + " key). Supports a single byte range.")
  public Response download(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("outputId") String outputId,
      @QueryParam("expires") String expiresParam,
      @QueryParam("signature") String signature,
      @HeaderParam("Range") String range) {
    Long expiresAt = QueryParams.optionalLong("expires", expiresParam, 0, Long.MAX_VALUE);
    long expires = expiresAt == null ? 0 : expiresAt;
    OutputLinks.Download d =
        links.open(
            PathIds.parse(workspaceId, "output"),
            PathIds.parse(outputId, "output"),
            expires,
            signature);
    long size = d.sizeBytes();
    long from = 0;
    long to = size - 1;
    boolean partial = false;
    if (range != null) {
      Matcher m = RANGE.matcher(range.trim());
      if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
        return unsatisfiable(size);
      }
      try {
        if (m.group(1).isEmpty()) {
          long suffix = Long.parseLong(m.group(2));
          from = Math.max(0, size - suffix);
        } else {
          from = Long.parseLong(m.group(1));
          if (!m.group(2).isEmpty()) {
            to = Math.min(to, Long.parseLong(m.group(2)));
          }
        }
      } catch (NumberFormatException e) {
        return unsatisfiable(size);
      }
      if (from >= size || from > to) {
        return unsatisfiable(size);
      }
      partial = true;
    }
    OutputStorage storage = links.storage();
    long start = from;
    long length = size == 0 ? 0 : to - from + 1;
    StreamingOutput body =
        (OutputStream out) -> {
          try (InputStream in = storage.read(d.storageKey(), start)) {
            byte[] buf = new byte[BUFFER];
            long left = length;
            while (left > 0) {
              int n = in.read(buf, 0, (int) Math.min(buf.length, left));
              if (n < 0) {
                break;
              }
              out.write(buf, 0, n);
              left -= n;
            }
          }
        };
    Response.ResponseBuilder r =
        Response.status(partial ? 206 : 200)
            .entity(body)
            .type(d.contentType())
            .header("Content-Length", length)
            .header("Accept-Ranges", "bytes")
            .header("Content-Disposition", OutputNames.disposition(d.filename()))
            .header("X-Content-Type-Options", "nosniff")
            .header("Cache-Control", "private, no-store")
            .header("ETag", "\"" + d.sha256Hex() + "\"");
    if (partial) {
      r.header("Content-Range", "bytes " + from + "-" + to + "/" + size);
    }
    return r.build();
  }

  private Response unsatisfiable(long size) {
    return Response.status(416)
        .type(Problem.MEDIA_TYPE)
        .entity(ProblemMapper.standard(416, requestId.get()))
        .header("Content-Range", "bytes */" + size)
        .build();
  }
}
