package io.antpath.web.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The REST API lives under /api/v1; resources are discovered by scanning. No WADL (the OpenAPI
 * document at /openapi describes the API), and error statuses are set, not sent with the
 * container's {@code sendError}, so the server never swaps a problem document for its HTML page.
 */
@ApplicationPath("/api/v1")
public class JaxRsApplication extends Application {
  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.server.wadl.disableWadl", true,
        "jersey.config.servlet.response.setStatusOverSendError", true);
  }
}
