package io.antpath.web.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API lives under /api/v1; resources are discovered by scanning. */
@ApplicationPath("/api/v1")
public class JaxRsApplication extends Application {}
