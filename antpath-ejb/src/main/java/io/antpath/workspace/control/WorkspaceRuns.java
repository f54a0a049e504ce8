package io.antpath.workspace.control;

import java.time.Instant;
import java.util.UUID;

/**
 * What a workspace needs of its runs. The run feature implements it ({@code
 * run.control.RunsOfWorkspace}): runs depend on their workspace (its caps), so the workspace names
 * no run type. Both methods join the caller's transaction.
 */
public interface WorkspaceRuns {
  /** Runs of the workspace that are queued, starting or running. */
  long unfinished(UUID workspaceId);

  /**
   * The workspace is being deleted: cancels its queued runs that no worker holds, asks every other
   * live run to stop, marks every run for deletion and makes the ones nobody holds due at once, so
   * the worker cleans them up. Repeating it changes nothing.
   */
  void deleteAll(UUID workspaceId, Instant at);
}
