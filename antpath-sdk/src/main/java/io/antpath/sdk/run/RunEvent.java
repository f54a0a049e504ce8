package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * One provider event of a run as antpath stores it: redacted metadata only (type, time, sizes, tool
 * names, stop reasons, token usage), never message text, tool inputs or file contents.
 *
 * @param id antpath's ordinal for the event; events are returned in this order
 * @param data the allow-listed fields of the event
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunEvent(long id, String type, Instant occurredAt, Map<String, Object> data) {
  public RunEvent {
    data = data == null ? Map.of() : Map.copyOf(data);
  }
}
