package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * What a run's capture kept ({@code outputs}) and what it could not keep ({@code failures}), side
 * by side. Failures are read-only: they have no download link.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunOutputs(List<Output> outputs, List<CaptureFailure> failures) {
  public RunOutputs {
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    failures = failures == null ? List.of() : List.copyOf(failures);
  }

  /** A captured file in antpath's private storage. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Output(
      String id,
      String filename,
      long sizeBytes,
      String sha256,
      String contentType,
      Instant createdAt) {}

  /**
   * A file of the session that was not captured.
   *
   * @param reason e.g. {@code workspace_quota_exceeded} or {@code download_failed}
   * @param sizeBytes the size the provider announced, when it announced one
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CaptureFailure(
      String filename, Long sizeBytes, String reason, String detail, Instant createdAt) {}
}
