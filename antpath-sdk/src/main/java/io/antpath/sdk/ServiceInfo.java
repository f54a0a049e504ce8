package io.antpath.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;

/** What {@code GET /api/v1} reports: which antpath answers and its schema version. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceInfo(String name, String apiVersion, String version, String schemaVersion) {
  public Optional<String> schema() {
    return Optional.ofNullable(schemaVersion);
  }
}
