package io.antpath.run.control;

import java.util.Optional;
import java.util.UUID;

/** Opens a run's sealed secrets bundle (in memory only, for the step that needs it). */
@FunctionalInterface
public interface SecretsOpener {
  Optional<byte[]> open(UUID workspaceId, UUID runId);
}
