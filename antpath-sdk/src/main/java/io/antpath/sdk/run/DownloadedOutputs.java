package io.antpath.sdk.run;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link RunsService#downloadAll} wrote, and the files capture could not keep.
 *
 * @param files the files written, each verified against its size and SHA-256
 * @param failures the run's capture failures, passed through (they have nothing to download)
 */
public record DownloadedOutputs(List<Path> files, List<RunOutputs.CaptureFailure> failures) {
  /** Makes the lists unmodifiable. */
  public DownloadedOutputs {
    files = List.copyOf(files);
    failures = List.copyOf(failures);
  }
}
