package io.antpath.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;

/**
 * What {@code GET /api/v1} reports: which antpath answers and its schema version.
 *
 * @param name the service name, {@code antpath}
 * @param apiVersion the API version, e.g. {@code v1}
 * @param version the server's version
 * @param schemaVersion the database schema version, or null when the server does not say
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceInfo(String name, String apiVersion, String version, String schemaVersion) {
  /**
   * The database schema version.
   *
   * @return the schema version, when the server reports one
   */
  public Optional<String> schema() {
    return Optional.ofNullable(schemaVersion);
  }
}
