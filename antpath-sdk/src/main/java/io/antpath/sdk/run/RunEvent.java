package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * Other types keep only their type and time.
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
}
