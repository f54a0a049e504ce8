package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * What a run's capture kept ({@code outputs}) and what it could not keep ({@code failures}), side
 * by side. Failures are read-only: they have no download link.
 *
 * @param outputs the captured files
 * @param failures the files that were not captured, and why
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunOutputs(List<Output> outputs, List<CaptureFailure> failures) {
  /** Makes the lists unmodifiable; absent lists become empty. */
  public RunOutputs {
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    failures = failures == null ? List.of() : List.copyOf(failures);
  }

  /**
   * A captured file in antpath's private storage.
   *
   * @param id the output's id, for {@link RunsService#download} and {@link RunsService#createLink}
   * @param filename the path in the session's output folder, e.g. {@code sub/notes.md}; the SDK
   *     refuses to write names that would leave the target folder
   * @param sizeBytes the size; downloads check it
   * @param sha256 the SHA-256 of the content, lower-case hex; downloads check it
   * @param contentType the media type
   * @param createdAt when it was captured
   */
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
   * @param filename its name, when known
   * @param sizeBytes the size the provider announced, when it announced one
   * @param reason why it was not captured
   * @param detail more about why, or null
   * @param createdAt when capture gave up on it
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CaptureFailure(
      String filename,
      Long sizeBytes,
      CaptureFailureReason reason,
      String detail,
      Instant createdAt) {}
}
