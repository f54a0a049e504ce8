package io.antpath.sdk.run;

import java.net.URI;
import java.util.Objects;

/**
 * An MCP server the agent may call. Declare it in {@link RunCreateParams.Builder#addMcpServer} and
 * give its credential with {@link RunSecrets#withMcpCredential} using the same object, so the two
 * cannot drift apart.
 *
 * @param name a name unique within the run, 1-64 characters
 * @param url the server's absolute https URL
 */
public record McpServer(String name, String url) {
  /** Checks what the server would refuse. */
  public McpServer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    if (name.isEmpty() || name.length() > 64) {
      throw new IllegalArgumentException("McpServer name: 1-64 characters");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("McpServer url: must be an absolute https URL", e);
    }
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("McpServer url: must be an absolute https URL");
    }
  }

  /**
   * An MCP server.
   *
   * @param name a name unique within the run, 1-64 characters
   * @param url the server's absolute https URL
   * @return the server
   */
  public static McpServer of(String name, String url) {
    return new McpServer(name, url);
  }
}
