package io.antpath.sdk.run;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The credential for one MCP server: a bearer token or OAuth tokens. Goes into {@link RunSecrets}
 * only, so it is sealed in antpath's vault and never stored with the run. {@code toString()} shows
 * the type only.
 */
public final class McpCredential {
  private final Map<String, Object> json;

  private McpCredential(Map<String, Object> json) {
    this.json = json;
  }

  /**
   * A static bearer token ({@code Authorization: Bearer <token>} towards the MCP server).
   *
   * @param token the token
   * @return the credential
   */
  public static McpCredential bearer(String token) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "bearer");
    json.put("token", Objects.requireNonNull(token, "token"));
    return new McpCredential(json);
  }

  /**
   * OAuth tokens; the provider refreshes the access token with the refresh details when given.
   *
   * @param accessToken the access token
   * @param refreshToken the refresh token, or null
   * @param clientId the OAuth client id, or null
   * @param clientSecret the OAuth client secret, or null
   * @param tokenUrl the token endpoint for refreshes, or null
   * @param expiresAt when the access token expires, or null
   * @return the credential
   */
  public static McpCredential oauth(
      String accessToken,
      String refreshToken,
      String clientId,
      String clientSecret,
      String tokenUrl,
      Instant expiresAt) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "oauth");
    json.put("accessToken", Objects.requireNonNull(accessToken, "accessToken"));
    putIfSet(json, "refreshToken", refreshToken);
    putIfSet(json, "clientId", clientId);
    putIfSet(json, "clientSecret", clientSecret);
    putIfSet(json, "tokenUrl", tokenUrl);
    putIfSet(json, "expiresAt", expiresAt == null ? null : expiresAt.toString());
    return new McpCredential(json);
  }

  private static void putIfSet(Map<String, Object> json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  Map<String, Object> toJson() {
    return json;
  }

  /**
   * The credential's type.
   *
   * @return {@code bearer} or {@code oauth}
   */
  public String type() {
    return (String) json.get("type");
  }

  @Override
  public String toString() {
    return "McpCredential[" + type() + ", ***]";
  }
}
