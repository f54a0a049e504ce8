package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A run as the server reports it. Immutable. Times that have not happened yet are null.
 *
 * <p>{@code toString()} shows the metadata: do not put secrets in metadata.
 *
 * @param id the run's id
 * @param status where the run stands
 * @param cleanupStatus where the cleanup of its provider resources stands
 * @param cleanupError null unless the cleanup is retrying or failed; it then says what is left and
 *     what to do
 * @param createdAt when it was submitted
 * @param startedAt when its session started, or null
 * @param finishedAt when it became terminal, or null
 * @param cancelRequestedAt when a cancel was requested, or null
 * @param deleteRequestedAt when a delete was requested, or null
 * @param timeoutSeconds the run's time limit
 * @param caps the workspace caps frozen at submission
 * @param metadata the submission's metadata
 * @param request the submission as stored (never its secrets), as plain JSON values
 * @param failure why it failed or timed out, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Run(
    String id,
    RunStatus status,
    CleanupStatus cleanupStatus,
    String cleanupError,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant cancelRequestedAt,
    Instant deleteRequestedAt,
    int timeoutSeconds,
    Caps caps,
    Map<String, String> metadata,
    Map<String, Object> request,
    Failure failure) {

  /** Makes the maps unmodifiable; absent maps become empty. */
  public Run {
    metadata =
        metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    request =
        request == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(request));
  }

  /**
   * The caps of the workspace, frozen when the run was submitted.
   *
   * @param tier the workspace's tier
   * @param maxConcurrentRuns how many runs of the workspace may run at once
   * @param storageCapBytes the workspace's output storage cap
   * @param outputSafetyCapBytes the most one run's captured outputs may take
   * @param maxTimeoutSeconds the longest {@code timeoutSeconds} allowed
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Caps(
      String tier,
      int maxConcurrentRuns,
      long storageCapBytes,
      long outputSafetyCapBytes,
      int maxTimeoutSeconds) {}

  /**
   * Why a run failed or timed out (redacted by the server).
   *
   * @param errorClass the class of failure; null for a timeout (nothing went wrong)
   * @param code a stable code, e.g. {@code run_timeout}
   * @param message a redacted, human-readable message
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Failure(FailureClass errorClass, String code, String message) {}

  /**
   * Whether the run has ended ({@link RunStatus#isTerminal()}).
   *
   * @return true once the status never changes again
   */
  public boolean isTerminal() {
    return status != null && status.isTerminal();
  }

  /**
   * Why the run failed or timed out.
   *
   * @return the failure, when there is one
   */
  public Optional<Failure> failureInfo() {
    return Optional.ofNullable(failure);
  }
}
