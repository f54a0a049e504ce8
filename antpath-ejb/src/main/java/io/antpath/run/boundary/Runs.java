package io.antpath.run.boundary;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.InvalidRequestException;
import io.antpath.access.entity.NotFoundException;
import io.antpath.platform.Timestamps;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.ratelimit.control.RateLimiter;
import io.antpath.run.control.CanonicalJson;
import io.antpath.run.control.RunRequest;
import io.antpath.run.control.RunsOfWorkspace;
import io.antpath.run.entity.Attribution;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunCaps;
import io.antpath.run.entity.RunRefusedException;
import io.antpath.run.entity.RunStatus;
import io.antpath.workspace.control.TierCaps;
import io.antpath.workspace.entity.Workspace;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Submitting, reading and listing runs of the caller's workspace. */
@Stateless
public class Runs {

  @PersistenceContext EntityManager em;
  @Inject TierCaps tierCaps;
  @Inject RateLimiter limiter;
  @Inject RunInserter inserter;

  /**
   * A submitted run, and whether it answers an earlier submission with the same idempotency key.
   */
  public record Submission(Run run, boolean replayed) {}

  /**
   * Submits a run. With an idempotency key, the same body (secrets excluded) returns the original
   * run and a different body is refused; concurrent identical submissions create exactly one run.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Submission submit(Caller caller, JsonObject body, String idempotencyKey) {
    AccessPolicy.require(caller, Action.RUNS_WRITE);
    if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 255)) {
      throw new InvalidRequestException("Idempotency-Key: 1-255 characters");
    }
    Workspace ws = em.find(Workspace.class, caller.workspaceId());
    TierCaps.Caps caps = tierCaps.of(ws);
    RunRequest request =
        RunRequest.parse(body, caps.defaultRunTimeoutSeconds(), caps.maxRunTimeoutSeconds());
    byte[] hash = CanonicalJson.sha256(request.withoutSecrets());
    Optional<Submission> earlier = replay(caller, idempotencyKey, hash);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    Instant now = Timestamps.now();
    admit(ws, caps, now);
    Run run =
        new Run(
            ws.getId(),
            new Attribution(caller.userId(), caller.tokenId()),
            idempotencyKey,
            hash,
            request.withoutSecrets().toString(),
            request.metadata().toString(),
            request.timeoutSeconds(),
            new RunCaps(
                caps.tier(),
                caps.maxConcurrentRuns(),
                caps.storageCapBytes(),
                caps.outputSafetyCapBytes(),
                caps.maxRunTimeoutSeconds()),
            request.retainSession(),
            now);
    try {
      inserter.insert(run, request.secretsBundle());
    } catch (io.antpath.run.entity.DuplicateSubmissionException e) {
      return replay(caller, idempotencyKey, hash).orElseThrow(() -> e);
    }
    return new Submission(run, false);
  }

  public Run get(Caller caller, UUID runId) {
    AccessPolicy.require(caller, Action.RUNS_READ);
    return WorkspaceScope.of(em, caller.workspaceId())
        .find(Run.class, runId)
        .orElseThrow(() -> new NotFoundException("run"));
  }

  /** Filters of a run listing; every field is optional. */
  public record Filter(
      RunStatus status,
      Instant createdFrom,
      Instant createdBefore,
      String metadataKey,
      String metadataValue) {
    public static final Filter NONE = new Filter(null, null, null, null, null);
  }

  /**
   * One page, newest first, after the keyset position (createdAt, id) of the previous page's last
   * run. The (workspace_id, created_at desc, id desc) index drives every page, so a page costs the
   * same at a million runs.
   */
  public List<Run> page(
      Caller caller, Filter filter, Instant afterCreatedAt, UUID afterId, int limit) {
    AccessPolicy.require(caller, Action.RUNS_READ);
    StringBuilder condition = new StringBuilder("1 = 1");
    if (filter.status() != null) {
      condition.append(" and e.status = :status");
    }
    if (filter.createdFrom() != null) {
      condition.append(" and e.createdAt >= :from");
    }
    if (filter.createdBefore() != null) {
      condition.append(" and e.createdAt < :before");
    }
    if (filter.metadataKey() != null) {
      // Containment, not jsonb_extract_path_text: the GIN index runs_metadata_idx
      // (jsonb_path_ops) serves only the @> operator. HQL's sql() is untyped, so the cast lets it
      // stand as a predicate; PostgreSQL drops the no-op cast and "= true" (RunQueriesIT checks
      // the plan).
      condition.append(
          " and cast(sql('(? @> cast(? as jsonb))', e.metadata, :mj) as Boolean) = true");
    }
    if (afterId != null) {
      condition.append(" and (e.createdAt < :c or (e.createdAt = :c and e.id < :id))");
    }
    var query =
        WorkspaceScope.of(em, caller.workspaceId())
            .where(Run.class, condition.toString(), "createdAt desc, id desc")
            .setMaxResults(limit);
    if (filter.status() != null) {
      query.setParameter("status", filter.status());
    }
    if (filter.createdFrom() != null) {
      query.setParameter("from", filter.createdFrom());
    }
    if (filter.createdBefore() != null) {
      query.setParameter("before", filter.createdBefore());
    }
    if (filter.metadataKey() != null) {
      query.setParameter(
          "mj",
          jakarta.json.Json.createObjectBuilder()
              .add(
                  filter.metadataKey(),
                  java.util.Objects.requireNonNullElse(filter.metadataValue(), ""))
              .build()
              .toString());
    }
    if (afterId != null) {
      query.setParameter("c", afterCreatedAt).setParameter("id", afterId);
    }
    return query.getResultList();
  }

  /** Redacted events of a run after {@code afterId}, in order. */
  public List<io.antpath.run.entity.RunEvent> events(
      Caller caller, UUID runId, long afterId, int limit) {
    get(caller, runId);
    return WorkspaceScope.of(em, caller.workspaceId())
        .where(io.antpath.run.entity.RunEvent.class, "e.runId = :run and e.id > :after", "id")
        .setParameter("run", runId)
        .setParameter("after", afterId)
        .setMaxResults(limit)
        .getResultList();
  }

  private Optional<Submission> replay(Caller caller, String key, byte[] hash) {
    if (key == null) {
      return Optional.empty();
    }
    return WorkspaceScope.of(em, caller.workspaceId())
        .where(Run.class, "e.idempotencyKey = :k")
        .setParameter("k", key)
        .getResultStream()
        .findFirst()
        .map(
            existing -> {
              if (!Arrays.equals(existing.getRequestHash(), hash)) {
                throw new RunRefusedException(
                    "idempotency_conflict",
                    "this Idempotency-Key was used for a different request; use a new key");
              }
              return new Submission(existing, true);
            });
  }

  private void admit(Workspace ws, TierCaps.Caps caps, Instant now) {
    if (!ws.isActive()) {
      throw new RunRefusedException("workspace_pending_delete", "the workspace is being deleted");
    }
    long live = RunsOfWorkspace.unfinished(em, ws.getId());
    if (live >= caps.maxQueuedRuns()) {
      throw new RunRefusedException(
          "quota_exceeded",
          "the workspace has "
              + live
              + " queued or running runs, its cap is "
              + caps.maxQueuedRuns());
    }
    if (ws.getStorageUsedBytes() >= caps.storageCapBytes()) {
      throw new RunRefusedException("quota_exceeded", "the workspace's output storage is full");
    }
    limiter.hit(
        "run-submit:workspace:" + ws.getId(),
        caps.submissionsPerMinute(),
        Duration.ofMinutes(1),
        "run submissions",
        now);
  }
}
