package io.antpath.sdk.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The per-run secrets bundle: the user's Anthropic API key and optional MCP bearer tokens. Sent
 * only in the submission body; never printed ({@link #toString()}), logged, hashed or retried with
 * telemetry.
 */
public final class RunSecrets {
  private final String anthropicApiKey;
  private final Map<String, String> mcpBearerTokens;

  private RunSecrets(String anthropicApiKey, Map<String, String> mcpBearerTokens) {
    this.anthropicApiKey = Objects.requireNonNull(anthropicApiKey, "anthropicApiKey is required");
    this.mcpBearerTokens = Collections.unmodifiableMap(new LinkedHashMap<>(mcpBearerTokens));
  }

  public static RunSecrets of(String anthropicApiKey) {
    return new RunSecrets(anthropicApiKey, Map.of());
  }

  /** A copy with a bearer token for the MCP server of that name. */
  public RunSecrets withMcpBearer(String serverName, String token) {
    Map<String, String> tokens = new LinkedHashMap<>(mcpBearerTokens);
    tokens.put(Objects.requireNonNull(serverName), Objects.requireNonNull(token));
    return new RunSecrets(anthropicApiKey, tokens);
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("anthropicApiKey", anthropicApiKey);
    if (!mcpBearerTokens.isEmpty()) {
      Map<String, Object> mcp = new LinkedHashMap<>();
      mcpBearerTokens.forEach(
          (name, token) -> mcp.put(name, Map.of("type", "bearer", "token", token)));
      json.put("mcpCredentials", mcp);
    }
    return json;
  }

  @Override
  public String toString() {
    return "RunSecrets[anthropicApiKey=***, mcp=" + mcpBearerTokens.keySet() + "]";
  }
}
