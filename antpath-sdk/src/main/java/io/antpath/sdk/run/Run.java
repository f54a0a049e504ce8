package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A run as the server reports it. {@code cleanupError} is null unless the cleanup of its provider
 * resources is retrying or failed; it then says what is left and what to do.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Run(
    String id,
    String status,
    String cleanupStatus,
    String cleanupError,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant cancelRequestedAt,
    Instant deleteRequestedAt,
    int timeoutSeconds,
    Map<String, String> metadata,
    Failure failure) {

  /** Why a run failed (redacted by the server). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Failure(String errorClass, String code, String message) {}

  public boolean isTerminal() {
    return switch (status) {
      case "succeeded", "failed", "timed_out", "canceled" -> true;
      default -> false;
    };
  }

  public Optional<Failure> failureInfo() {
    return Optional.ofNullable(failure);
  }
}
