package io.antpath.web.run;

import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunEvent;
import jakarta.json.Json;
import java.io.StringReader;
import java.util.Locale;

/**
 * The data of the event streams' two kinds of event, in one place so that the API's stream ({@link
 * RunEventStreamResource}) and the run page's feed ({@link RunEventsServlet}) cannot drift apart.
 */
final class RunEventJson {
  private RunEventJson() {}

  /** {@code run.status}: {@code {"status": "running", "cleanupStatus": "pending"}}. */
  static String status(Run run) {
    return Json.createObjectBuilder()
        .add("status", run.getStatus().name().toLowerCase(Locale.ROOT))
        .add("cleanupStatus", run.getCleanupStatus().name().toLowerCase(Locale.ROOT))
        .build()
        .toString();
  }

  /** {@code run.event}: {@code {"id": 7, "type": "...", "data": {...}, "occurredAt": "..."}}. */
  static String event(RunEvent e) {
    var data =
        Json.createObjectBuilder()
            .add("id", e.getId())
            .add("type", e.getType())
            .add("data", Json.createReader(new StringReader(e.getData())).readObject());
    e.getOccurredAt().ifPresent(t -> data.add("occurredAt", t.toString()));
    return data.build().toString();
  }
}
