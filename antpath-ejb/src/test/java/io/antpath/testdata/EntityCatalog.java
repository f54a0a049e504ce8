package io.antpath.testdata;

import io.antpath.audit.entity.AuditEntry;
import io.antpath.capture.entity.OutputCaptureFailure;
import io.antpath.capture.entity.OutputObject;
import io.antpath.cleanup.entity.CleanupAttempt;
import io.antpath.identity.entity.AppUser;
import io.antpath.identity.entity.UserCredential;
import io.antpath.provider.entity.ProviderResource;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunAttempt;
import io.antpath.run.entity.RunEvent;
import io.antpath.token.entity.ApiToken;
import io.antpath.usage.entity.UsageEntry;
import io.antpath.vault.entity.VaultEntry;
import io.antpath.workspace.entity.Workspace;
import io.antpath.workspace.entity.WorkspaceMembership;
import java.util.List;

/**
 * Every JPA entity and converter, for bootstrapping outside the container (tests, benchmarks). In
 * the container the persistence unit discovers them itself; a test keeps this list and the jar's
 * entities equal.
 */
public final class EntityCatalog {
  public static final List<Class<?>> ENTITIES =
      List.of(
          AppUser.class,
          UserCredential.class,
          Workspace.class,
          WorkspaceMembership.class,
          ApiToken.class,
          Run.class,
          RunAttempt.class,
          RunEvent.class,
          VaultEntry.class,
          ProviderResource.class,
          OutputObject.class,
          OutputCaptureFailure.class,
          CleanupAttempt.class,
          UsageEntry.class,
          AuditEntry.class);

  /** The auto-applied enum converters the entities rely on. */
  public static final List<Class<?>> CONVERTERS =
      List.of(
          io.antpath.identity.entity.UserStatus.Converter.class,
          io.antpath.workspace.entity.WorkspaceStatus.Converter.class,
          io.antpath.access.entity.Role.Converter.class,
          io.antpath.run.entity.RunStatus.Converter.class,
          io.antpath.run.entity.CleanupStatus.Converter.class,
          io.antpath.run.entity.FailureClass.Converter.class,
          io.antpath.run.entity.AttemptOutcome.Converter.class,
          io.antpath.provider.entity.ResourceKind.Converter.class,
          io.antpath.provider.entity.ResourceState.Converter.class,
          io.antpath.capture.entity.CaptureFailureReason.Converter.class,
          io.antpath.cleanup.entity.CleanupStep.Converter.class,
          io.antpath.cleanup.entity.CleanupOutcome.Converter.class,
          io.antpath.audit.entity.AuditOutcome.Converter.class);

  private EntityCatalog() {}
}
