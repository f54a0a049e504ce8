package io.antpath.worker.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;

/**
 * Turns a provider event into the metadata antpath may keep: an explicit allow-list per known event
 * type (stop reasons, error types, tool names, sizes, token usage). Message text, tool inputs and
 * outputs, file contents and credentials never pass; unknown types keep type and time only.
 */
public final class EventRedactor {
  /** Looked up once: {@code Json.create*} searches the class path for a provider on every call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  private EventRedactor() {}

  public static JsonObject redact(JsonObject event) {
    String type = event.getString("type", "unknown");
    JsonObjectBuilder out = JSON.createObjectBuilder();
    switch (type) {
      case "session.status_idle" ->
          copy(event.getJsonObject("stop_reason"), "type", out, "stopReason");
      case "session.error" -> {
        JsonObject error = event.getJsonObject("error");
        copy(error, "type", out, "errorType");
        if (error != null) {
          copy(error.getJsonObject("retry_status"), "type", out, "retryStatus");
          copy(error, "mcp_server_name", out, "mcpServerName");
        }
      }
      case "agent.tool_use", "agent.custom_tool_use" -> {
        copy(event, "name", out, "toolName");
        copy(event, "evaluated_permission", out, "permission");
      }
      case "agent.mcp_tool_use" -> {
        copy(event, "mcp_server_name", out, "mcpServerName");
        copy(event, "name", out, "toolName");
      }
      case "agent.tool_result", "agent.mcp_tool_result" -> {
        if (event.containsKey("is_error")
            && event.get("is_error").getValueType() != JsonValue.ValueType.NULL) {
          out.add("isError", event.getBoolean("is_error", false));
        }
      }
      case "agent.message", "user.message" -> sizes(event.get("content"), out);
      case "span.model_request_end" -> {
        if (event.containsKey("is_error")) {
          out.add("isError", event.getBoolean("is_error", false));
        }
        JsonObject usage = event.getJsonObject("model_usage");
        if (usage != null) {
          for (String k :
              new String[] {
                "input_tokens",
                "output_tokens",
                "cache_read_input_tokens",
                "cache_creation_input_tokens"
              }) {
            if (usage.get(k) instanceof jakarta.json.JsonNumber n) {
              out.add(camel(k), n.longValue());
            }
          }
        }
      }
      default -> {
        // type and time only
      }
    }
    return out.build();
  }

  /** Token counts of a usage-bearing event, or null. */
  public static long[] usage(JsonObject event) {
    if (!"span.model_request_end".equals(event.getString("type", ""))) {
      return null;
    }
    JsonObject u = event.getJsonObject("model_usage");
    if (u == null) {
      return null;
    }
    return new long[] {
      num(u, "input_tokens"), num(u, "output_tokens"),
      num(u, "cache_creation_input_tokens"), num(u, "cache_read_input_tokens")
    };
  }

  private static long num(JsonObject o, String k) {
    return o.get(k) instanceof jakarta.json.JsonNumber n ? Math.max(0, n.longValue()) : 0;
  }

  private static void sizes(JsonValue content, JsonObjectBuilder out) {
    if (content instanceof JsonArray blocks) {
      out.add("blocks", blocks.size());
      long textBytes = 0;
      for (JsonValue b : blocks) {
        if (b instanceof JsonObject o && o.get("text") instanceof jakarta.json.JsonString s) {
          textBytes += s.getString().getBytes(StandardCharsets.UTF_8).length;
        }
      }
      out.add("textBytes", textBytes);
    }
  }

  private static void copy(JsonObject from, String key, JsonObjectBuilder out, String as) {
    if (from != null && from.get(key) instanceof jakarta.json.JsonString s) {
      String v = s.getString();
      out.add(as, v.length() > 100 ? v.substring(0, 100) : v);
    }
  }

  private static String camel(String snake) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }
}
