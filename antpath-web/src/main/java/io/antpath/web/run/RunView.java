package io.antpath.web.run;

import io.antpath.run.entity.Run;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A run on the wire: state, timings, frozen caps, metadata and the request (never its secrets). */
public record RunView(
    UUID id,
    String status,
    String cleanupStatus,
    String cleanupError,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant cancelRequestedAt,
    Instant deleteRequestedAt,
    int timeoutSeconds,
    Caps caps,
    JsonObject metadata,
    JsonObject request,
    Failure failure) {

  /** The caps frozen at submission. */
  public record Caps(
      String tier,
      int maxConcurrentRuns,
      long storageCapBytes,
      long outputSafetyCapBytes,
      int maxTimeoutSeconds) {}

  /** Why a run failed or timed out, redacted; {@code errorClass} is null for a timeout. */
  public record Failure(String errorClass, String code, String message) {}

  static RunView of(Run r) {
    return new RunView(
        r.getId(),
        lower(r.getStatus().name()),
        lower(r.getCleanupStatus().name()),
        r.getCleanupError().orElse(null),
        r.getCreatedAt(),
        r.getStartedAt().orElse(null),
        r.getFinishedAt().orElse(null),
        r.getCancelRequestedAt().orElse(null),
        r.getDeleteRequestedAt().orElse(null),
        r.getTimeoutSeconds(),
        new Caps(
            r.getCaps().tier(),
            r.getCaps().maxConcurrentRuns(),
            r.getCaps().storageBytes(),
            r.getCaps().outputSafetyBytes(),
            r.getCaps().maxTimeoutSeconds()),
        json(r.getMetadata()),
        json(r.getSpec()),
        // A timeout has a code and a message but no error class (nothing went wrong).
        r.getFailureCode()
            .map(
                code ->
                    new Failure(
                        r.getFailureClass().map(c -> lower(c.name())).orElse(null),
                        code,
                        r.getFailureMessage().orElse(null)))
            .orElse(null));
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
