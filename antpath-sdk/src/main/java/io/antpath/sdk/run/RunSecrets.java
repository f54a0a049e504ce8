package io.antpath.sdk.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The per-run secrets bundle: the user's Anthropic API key, the credentials of the run's MCP
 * servers, and private skill references. Sent only in the submission body and sealed in antpath's
 * vault; never printed ({@link #toString()}), logged or part of retry telemetry. Immutable: each
 * {@code with..} returns a copy.
 *
 * <pre>{@code
 * McpServer docs = McpServer.of("docs", "https://mcp.example.com/sse");
 * RunSecrets secrets = RunSecrets.of(anthropicKey).withMcpCredential(docs, McpCredential.bearer(token));
 * }</pre>
 */
public final class RunSecrets {
  private final String anthropicApiKey;
  private final Map<McpServer, McpCredential> mcp;
  private final List<Skill> skills;

  private RunSecrets(
      String anthropicApiKey, Map<McpServer, McpCredential> mcp, List<Skill> skills) {
    this.anthropicApiKey = Objects.requireNonNull(anthropicApiKey, "anthropicApiKey is required");
    if (anthropicApiKey.isBlank()) {
      throw new IllegalArgumentException("anthropicApiKey must not be blank");
    }
    this.mcp = Collections.unmodifiableMap(new LinkedHashMap<>(mcp));
    this.skills = List.copyOf(skills);
  }

  /**
   * Secrets with only the Anthropic API key the run uses.
   *
   * @param anthropicApiKey the key, e.g. {@code sk-ant-...}
   * @return the secrets
   */
  public static RunSecrets of(String anthropicApiKey) {
    return new RunSecrets(anthropicApiKey, Map.of(), List.of());
  }

  /**
   * A copy with the credential of {@code server}. The run's params must declare the same server
   * ({@link RunCreateParams.Builder#addMcpServer}); {@code create} refuses it otherwise.
   *
   * @param server the MCP server, as declared in the params
   * @param credential its credential
   * @return a new bundle
   */
  public RunSecrets withMcpCredential(McpServer server, McpCredential credential) {
    Map<McpServer, McpCredential> copy = new LinkedHashMap<>(mcp);
    copy.put(Objects.requireNonNull(server, "server"), Objects.requireNonNull(credential));
    return new RunSecrets(anthropicApiKey, copy, skills);
  }

  /**
   * A copy with a bearer token for {@code server}; short for {@code withMcpCredential(server,
   * McpCredential.bearer(token))}.
   *
   * @param server the MCP server, as declared in the params
   * @param token the bearer token
   * @return a new bundle
   */
  public RunSecrets withMcpBearer(McpServer server, String token) {
    return withMcpCredential(server, McpCredential.bearer(token));
  }

  /**
   * A copy with a private skill reference, kept out of the stored run.
   *
   * @param skill the skill
   * @return a new bundle
   */
  public RunSecrets withSkill(Skill skill) {
    List<Skill> copy = new ArrayList<>(skills);
    copy.add(Objects.requireNonNull(skill));
    return new RunSecrets(anthropicApiKey, mcp, copy);
  }

  /**
   * The MCP servers these secrets hold credentials for.
   *
   * @return the servers, in the order added
   */
  public List<McpServer> mcpServers() {
    return List.copyOf(mcp.keySet());
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("anthropicApiKey", anthropicApiKey);
    if (!mcp.isEmpty()) {
      Map<String, Object> credentials = new LinkedHashMap<>();
      mcp.forEach((server, credential) -> credentials.put(server.name(), credential.toJson()));
      json.put("mcpCredentials", credentials);
    }
    if (!skills.isEmpty()) {
      json.put("skills", skills.stream().map(Skill::toJson).toList());
    }
    return json;
  }

  @Override
  public String toString() {
    return "RunSecrets[anthropicApiKey=***, mcp="
        + mcp.keySet().stream().map(McpServer::name).toList()
        + ", skills="
        + skills.size()
        + "]";
  }
}
