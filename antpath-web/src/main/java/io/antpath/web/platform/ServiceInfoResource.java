package io.antpath.web.platform;

import io.antpath.platform.PlatformStartup;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1}: which antpath answers, and its schema version. Public: no tenant data. */
@Path("")
@Public
public class ServiceInfoResource {
  @Inject PlatformStartup startup;

  /** The wire form. */
  public record ServiceInfo(String name, String apiVersion, String version, String schemaVersion) {}

  @GET
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
