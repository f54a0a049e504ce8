package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One provider event of a run as antpath stores it: redacted metadata only, never message text,
 * tool inputs or file contents.
 *
 * <p>Keys of {@code data} by event type (each only when the provider sent it):
 *
 * <ul>
 *   <li>{@code session.status_idle}: {@code stopReason};
 *   <li>{@code session.error}: {@code errorType}, {@code retryStatus}, {@code mcpServerName};
 *   <li>{@code agent.tool_use}, {@code agent.custom_tool_use}: {@code toolName}, {@code
 *       permission};
 *   <li>{@code agent.mcp_tool_use}: {@code mcpServerName}, {@code toolName};
 *   <li>{@code agent.tool_result}, {@code agent.mcp_tool_result}: {@code isError};
 *   <li>{@code agent.message}, {@code user.message}: {@code blocks}, {@code textBytes};
 *   <li>{@code span.model_request_end}: {@code isError}, {@code inputTokens}, {@code outputTokens},
 *       {@code cacheReadInputTokens}, {@code cacheCreationInputTokens}.
 * </ul>
 *
 * Other types keep only their type and time. The typed accessors ({@link #stopReason()}, {@link
 * #toolName()}, {@link #usage()}, …) read these keys; {@link #dataString}, {@link #dataLong} and
 * {@link #dataBoolean} read any key, also one a newer server adds.
 *
 * @param id antpath's ordinal for the event; events are returned in this order
 * @param type the provider's event type, e.g. {@code session.status_idle}
 * @param occurredAt when the provider reported it
 * @param data the allow-listed fields of the event
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunEvent(long id, String type, Instant occurredAt, Map<String, Object> data) {
  /** Makes {@code data} unmodifiable; absent data becomes empty. */
  public RunEvent {
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /**
   * Why the agent went idle ({@code session.status_idle}), e.g. {@code end_turn}.
   *
   * @return the stop reason, when the event has one
   */
  public Optional<String> stopReason() {
    return dataString("stopReason");
  }

  /**
   * The provider's error type ({@code session.error}).
   *
   * @return the error type, when the event has one
   */
  public Optional<String> errorType() {
    return dataString("errorType");
  }

  /**
   * The tool the agent called ({@code agent.tool_use}, {@code agent.custom_tool_use}, {@code
   * agent.mcp_tool_use}).
   *
   * @return the tool's name, when the event has one
   */
  public Optional<String> toolName() {
    return dataString("toolName");
  }

  /**
   * The MCP server of a tool call or error ({@code agent.mcp_tool_use}, {@code session.error}).
   *
   * @return the server's name as declared in the run, when the event has one
   */
  public Optional<String> mcpServerName() {
    return dataString("mcpServerName");
  }

  /**
   * Whether a tool result or model request failed ({@code agent.tool_result}, {@code
   * agent.mcp_tool_result}, {@code span.model_request_end}).
   *
   * @return the flag, when the event has one
   */
  public Optional<Boolean> isError() {
    return dataBoolean("isError");
  }

  /**
   * The tokens of one model request ({@code span.model_request_end}).
   *
   * @return the usage, when the event reports any token count
   */
  public Optional<TokenUsage> usage() {
    OptionalLong in = dataLong("inputTokens");
    OptionalLong out = dataLong("outputTokens");
    OptionalLong read = dataLong("cacheReadInputTokens");
    OptionalLong created = dataLong("cacheCreationInputTokens");
    if (in.isEmpty() && out.isEmpty() && read.isEmpty() && created.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TokenUsage(in.orElse(0), out.orElse(0), read.orElse(0), created.orElse(0)));
  }

  /**
   * A text value of {@code data}.
   *
   * @param key the key, e.g. {@code permission}
   * @return the value, when present and text
   */
  public Optional<String> dataString(String key) {
    return data.get(key) instanceof String v ? Optional.of(v) : Optional.empty();
  }

  /**
   * A whole-number value of {@code data}.
   *
   * @param key the key, e.g. {@code textBytes}
   * @return the value, when present and a whole number
   */
  public OptionalLong dataLong(String key) {
    Object v = data.get(key);
    return v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger
        ? OptionalLong.of(((Number) v).longValue())
        : OptionalLong.empty();
  }

  /**
   * A boolean value of {@code data}.
   *
   * @param key the key, e.g. {@code isError}
   * @return the value, when present and a boolean
   */
  public Optional<Boolean> dataBoolean(String key) {
    return data.get(key) instanceof Boolean v ? Optional.of(v) : Optional.empty();
  }

  /**
   * Token counts of one model request; a count the provider did not report is 0.
   *
   * @param inputTokens input tokens
   * @param outputTokens output tokens
   * @param cacheReadInputTokens input tokens read from the prompt cache
   * @param cacheCreationInputTokens input tokens written to the prompt cache
   */
  public record TokenUsage(
      long inputTokens,
      long outputTokens,
      long cacheReadInputTokens,
      long cacheCreationInputTokens) {}
}
