package io.antpath.web.platform;

import io.antpath.platform.PlatformStartup;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1}: which antpath answers, and its schema version. Public: no tenant data. */
@Path("")
@Public
@Tag(name = "service", description = "Which antpath answers.")
public class ServiceInfoResource {
  @Inject PlatformStartup startup;

  /** The wire form. */
  public record ServiceInfo(String name, String apiVersion, String version, String schemaVersion) {}

  @GET
  @Operation(
      summary = "Service information",
      description = "Name, API version, build version and database schema version. Needs no token.")
  @Produces(MediaType.APPLICATION_JSON)
  public ServiceInfo info() {
    String version = ServiceInfoResource.class.getPackage().getImplementationVersion();
    return new ServiceInfo(
        "antpath",
        "v1",
        version == null ? "dev" : version,
        startup.schema().map(s -> s.version()).orElse(null));
  }
}
