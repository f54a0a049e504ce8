package io.antpath.platform.tenancy;

import java.util.UUID;

/**
 * An entity that belongs to exactly one workspace. Implementations map a persistent attribute named
 * {@code workspaceId}, which {@link WorkspaceScope} puts into every query.
 */
public interface WorkspaceOwned {
  UUID getWorkspaceId();
}
