package io.antpath.platform.db;

import static io.antpath.testdata.Entities.NOW;
import static io.antpath.testdata.Entities.aRun;
import static io.antpath.testdata.Entities.aUser;
import static io.antpath.testdata.Entities.aWorkspace;
import static io.antpath.testdata.Entities.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.access.entity.Role;
import io.antpath.access.entity.Scope;
import io.antpath.audit.entity.AuditEntry;
import io.antpath.audit.entity.AuditOutcome;
import io.antpath.capture.entity.CaptureFailureReason;
import io.antpath.capture.entity.OutputCaptureFailure;
import io.antpath.capture.entity.OutputObject;
import io.antpath.cleanup.entity.CleanupAttempt;
import io.antpath.cleanup.entity.CleanupOutcome;
import io.antpath.cleanup.entity.CleanupStep;
import io.antpath.identity.entity.AppUser;
import io.antpath.identity.entity.UserCredential;
import io.antpath.provider.entity.ProviderResource;
import io.antpath.provider.entity.ResourceKind;
import io.antpath.provider.entity.ResourceState;
import io.antpath.run.entity.AttemptOutcome;
import io.antpath.run.entity.CleanupStatus;
import io.antpath.run.entity.FailureClass;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunAttempt;
import io.antpath.run.entity.RunEvent;
import io.antpath.run.entity.RunStatus;
import io.antpath.testdata.Jpa;
import io.antpath.testkit.TestDatabase;
import io.antpath.token.entity.ApiToken;
import io.antpath.usage.entity.UsageEntry;
import io.antpath.vault.entity.VaultEntry;
import io.antpath.workspace.entity.MembershipId;
import io.antpath.workspace.entity.Workspace;
import io.antpath.workspace.entity.WorkspaceMembership;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every entity persists and reads back equal, through Hibernate over the Flyway schema (the factory
 * boots with schema validation, so a mapping that disagrees with a column fails here first).
 */
class EntityRoundTripIT {
  private static TestDatabase db;
  private static Jpa jpa;
  private static AppUser user;
  private static Workspace workspace;
  private static Run run;
  private static RunAttempt attempt;

  @BeforeAll
  static void schemaAndParents() {
    db = TestDatabase.migrated("round-trip");
    jpa = Jpa.over(db.url());
    user = aUser();
    workspace = aWorkspace(user);
    run = aRun(workspace, user);
    attempt = new RunAttempt(run, 1, "worker-a", NOW);
    jpa.inTx(
        em -> {
          em.persist(user);
          em.persist(workspace);
          em.persist(run);
          em.persist(attempt);
        });
  }

  @AfterAll
  static void close() {
    jpa.close();
    db.close();
  }

  @Test
  void userAndCredential() {
    UserCredential credential =
        new UserCredential(user.getId(), "PBKDF2WithHmacSHA256:210000:" + "a".repeat(40), NOW);
    jpa.inTx(em -> em.persist(credential));
    AppUser u = jpa.read(em -> em.find(AppUser.class, user.getId()));
    UserCredential c = jpa.read(em -> em.find(UserCredential.class, user.getId()));
    assertThat(u.getEmail()).isEqualTo(user.getEmail());
    assertThat(u.getCreatedAt()).isEqualTo(NOW);
    assertThat(c.getPasswordHash()).startsWith("PBKDF2WithHmacSHA256:");
    assertThat(c.toString()).doesNotContain("PBKDF2");
    AppUser byEmail =
        jpa.read(
            em ->
                em.createNamedQuery("AppUser.findByEmail", AppUser.class)
                    .setParameter("email", user.getEmail().toUpperCase())
                    .getSingleResult());
    assertThat(byEmail.getId()).isEqualTo(user.getId());
  }

  @Test
  void oidcUser() {
    AppUser oidc =
        AppUser.fromOidc("https://idp.example", "sub-42", "oidc-42@example.com", null, NOW);
    jpa.inTx(em -> em.persist(oidc));
    AppUser read = jpa.read(em -> em.find(AppUser.class, oidc.getId()));
    assertThat(read.getOidcIssuer()).contains("https://idp.example");
    assertThat(read.getOidcSubject()).contains("sub-42");
  }

  @Test
  void workspaceWithCapsAndMembership() {
    Workspace ws = aWorkspace(user);
    ws.overrideCaps(5, 100, 10_000L, 60, NOW);
    WorkspaceMembership m = new WorkspaceMembership(ws.getId(), user.getId(), Role.ADMIN, NOW);
    jpa.inTx(
        em -> {
          em.persist(ws);
          em.persist(m);
        });
    Workspace read = jpa.read(em -> em.find(Workspace.class, ws.getId()));
    assertThat(read.getSlug()).isEqualTo(ws.getSlug());
    assertThat(read.getMaxConcurrentRuns()).hasValue(5);
    assertThat(read.getStorageCapBytes()).hasValue(10_000L);
    assertThat(read.getMaxRunTimeoutSeconds()).isEmpty();
    WorkspaceMembership readM =
        jpa.read(
            em -> em.find(WorkspaceMembership.class, new MembershipId(ws.getId(), user.getId())));
    assertThat(readM.getRole()).isEqualTo(Role.ADMIN);
    assertThat(readM.getWorkspaceId()).isEqualTo(ws.getId());
  }

  @Test
  void apiTokenWithScopes() {
    ApiToken token =
        new ApiToken(
            workspace.getId(),
            "ci",
            "ap_1234",
            sha256("secret-1"),
            EnumSet.of(Scope.RUNS_READ, Scope.OUTPUTS_READ),
            user.getId(),
            NOW.plus(30, ChronoUnit.DAYS),
            NOW);
    jpa.inTx(em -> em.persist(token));
    ApiToken read =
        jpa.read(
            em ->
                em.createNamedQuery("ApiToken.findBySecretHash", ApiToken.class)
                    .setParameter("hash", sha256("secret-1"))
                    .getSingleResult());
    assertThat(read.getScopes()).containsExactlyInAnyOrder(Scope.RUNS_READ, Scope.OUTPUTS_READ);
    assertThat(read.isUsable(NOW)).isTrue();
    assertThat(read.isUsable(NOW.plus(31, ChronoUnit.DAYS))).isFalse();
  }

  @Test
  void runWithFrozenCapsJsonAndStates() {
    Run read = jpa.read(em -> em.find(Run.class, run.getId()));
    assertThat(read.getStatus()).isEqualTo(RunStatus.QUEUED);
    assertThat(read.getCleanupStatus()).isEqualTo(CleanupStatus.PENDING);
    assertThat(read.getSpec()).contains("claude-sonnet-4-5");
    assertThat(read.getMetadata()).contains("\"team\"");
    assertThat(read.getCaps().maxTimeoutSeconds()).isEqualTo(3600);
    assertThat(read.getRequestHash()).isEqualTo(sha256("request"));
    assertThat(read.getNextDueAt()).contains(NOW);
    assertThat(read.getAttribution().userId()).isEqualTo(user.getId());
  }

  @Test
  void runCancellation_isStoredAndVersioned() {
    Run other = aRun(workspace, user);
    jpa.inTx(em -> em.persist(other));
    jpa.inTx(em -> em.find(Run.class, other.getId()).requestCancel(NOW.plusSeconds(5)));
    Run read = jpa.read(em -> em.find(Run.class, other.getId()));
    assertThat(read.getCancelRequestedAt()).contains(NOW.plusSeconds(5));
    assertThat(read.getVersion()).isEqualTo(1);
  }

  @Test
  void vaultEntryAttachedToItsRun() {
    Run r = aRun(workspace, user);
    VaultEntry entry =
        new VaultEntry(workspace.getId(), r.getId(), "k1", new byte[12], new byte[48], NOW);
    r.attachSecrets(entry.getId());
    jpa.inTx(
        em -> {
          em.persist(r);
          em.persist(entry);
        });
    VaultEntry read = jpa.read(em -> em.find(VaultEntry.class, entry.getId()));
    assertThat(read.getCiphertext()).hasSize(48);
    assertThat(read.getKeyId()).isEqualTo("k1");
    assertThat(jpa.read(em -> em.find(Run.class, r.getId())).getExecutionSecretId())
        .contains(entry.getId());
  }

  @Test
  void attemptEndingAndEvents() {
    RunAttempt a = new RunAttempt(run, 2, "worker-b", NOW);
    RunEvent event = new RunEvent(a, "sevt_1", "agent.message", NOW, "{\"bytes\":42}", NOW);
    jpa.inTx(
        em -> {
          em.persist(a);
          em.persist(event);
        });
    jpa.inTx(
        em ->
            em.find(RunAttempt.class, a.getId())
                .end(
                    AttemptOutcome.FAILED,
                    FailureClass.TRANSIENT,
                    "rate_limited",
                    "429 from provider",
                    NOW.plusSeconds(1)));
    RunAttempt read = jpa.read(em -> em.find(RunAttempt.class, a.getId()));
    assertThat(read.getOutcome()).isEqualTo(AttemptOutcome.FAILED);
    assertThat(read.getErrorClass()).contains(FailureClass.TRANSIENT);
    RunEvent readEvent = jpa.read(em -> em.find(RunEvent.class, event.getId()));
    assertThat(readEvent.getData()).contains("42");
    assertThat(readEvent.getRunAttemptId()).isEqualTo(a.getId());
  }

  @Test
  void providerResourceJournal() {
    ProviderResource r =
        ProviderResource.intended(
            workspace.getId(), run.getId(), attempt.getId(), ResourceKind.SESSION, NOW);
    jpa.inTx(em -> em.persist(r));
    jpa.inTx(em -> em.find(ProviderResource.class, r.getId()).created("sesn_123", NOW));
    ProviderResource read = jpa.read(em -> em.find(ProviderResource.class, r.getId()));
    assertThat(read.getState()).isEqualTo(ResourceState.CREATED);
    assertThat(read.getProviderId()).contains("sesn_123");
    assertThat(read.getMarker()).startsWith("antpath-");
  }

  @Test
  void outputsAndCaptureFailures() {
    OutputObject out =
        new OutputObject(
            run, "file_1", "report.txt", "ws/run/report.txt", 12, sha256("x"), "text/plain", NOW);
    OutputCaptureFailure failure =
        new OutputCaptureFailure(
            workspace.getId(),
            run.getId(),
            "file_2",
            "big.bin",
            5_000_000_000L,
            CaptureFailureReason.WORKSPACE_QUOTA_EXCEEDED,
            null,
            NOW);
    jpa.inTx(
        em -> {
          em.persist(out);
          em.persist(failure);
        });
    assertThat(jpa.read(em -> em.find(OutputObject.class, out.getId())).getCreatedByUserId())
        .contains(user.getId());
    OutputCaptureFailure read =
        jpa.read(em -> em.find(OutputCaptureFailure.class, failure.getId()));
    assertThat(read.getReason()).isEqualTo(CaptureFailureReason.WORKSPACE_QUOTA_EXCEEDED);
    assertThat(read.getSizeBytes()).hasValue(5_000_000_000L);
  }

  @Test
  void cleanupAttemptUsageAndAudit() {
    CleanupAttempt step =
        new CleanupAttempt(
            workspace.getId(), run.getId(), CleanupStep.VAULT_ENTRY, "worker-a", NOW);
    step.finish(CleanupOutcome.ALREADY_GONE, null, null, NOW);
    UsageEntry usage =
        new UsageEntry(
            workspace.getId(),
            run.getId(),
            attempt.getId(),
            user.getId(),
            null,
            "sevt_9",
            "claude-sonnet-4-5",
            new UsageEntry.Tokens(100, 20, 0, 5),
            1500,
            NOW);
    AuditEntry audit =
        new AuditEntry(
            workspace.getId(),
            new AuditEntry.Actor(user.getId(), null, "127.0.0.1", "req-1"),
            "run.cancel",
            "run",
            run.getId().toString(),
            AuditOutcome.SUCCESS,
            "{\"reason\":\"user\"}",
            NOW);
    jpa.inTx(
        em -> {
          em.persist(step);
          em.persist(usage);
          em.persist(audit);
        });
    assertThat(jpa.read(em -> em.find(CleanupAttempt.class, step.getId())).getOutcome())
        .isEqualTo(CleanupOutcome.ALREADY_GONE);
    assertThat(jpa.read(em -> em.find(UsageEntry.class, usage.getId())).getTokens().output())
        .isEqualTo(20);
    AuditEntry readAudit = jpa.read(em -> em.find(AuditEntry.class, audit.getId()));
    assertThat(readAudit.getAction()).isEqualTo("run.cancel");
    assertThat(readAudit.getDetail()).contains("reason");
  }
}
