package io.antpath.token.boundary;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.AccessDeniedException;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.InvalidRequestException;
import io.antpath.access.entity.NotFoundException;
import io.antpath.access.entity.Scope;
import io.antpath.audit.control.AuditTrail;
import io.antpath.audit.entity.AuditOutcome;
import io.antpath.platform.Timestamps;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.ratelimit.control.RateLimiter;
import io.antpath.token.control.TokenSecrets;
import io.antpath.token.entity.ApiToken;
import io.antpath.workspace.entity.MembershipId;
import io.antpath.workspace.entity.WorkspaceMembership;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * API tokens of a workspace. Authentication looks the token up by the hash of the presented secret
 * on every request, so a revocation takes effect on the very next request.
 */
@Stateless
public class ApiTokens {
  private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject RateLimiter limiter;

  @Inject
  @ConfigProperty(name = "antpath.ratelimit.token-mutations-per-minute")
  Provider<Integer> mutationsPerMinute;

  /**
   * The workspace-bound caller a bearer secret stands for, or empty when it is not a usable token.
   */
  public Optional<Caller> authenticate(String secret, String clientAddress, String requestId) {
    if (!TokenSecrets.isWellFormed(secret)) {
      return Optional.empty();
    }
    Instant now = Timestamps.now();
    Optional<ApiToken> token =
        em.createNamedQuery("ApiToken.findBySecretHash", ApiToken.class)
            .setParameter("hash", TokenSecrets.hash(secret))
            .getResultStream()
            .findFirst()
            .filter(t -> t.isUsable(now));
    if (token.isEmpty()) {
      return Optional.empty();
    }
    ApiToken t = token.get();
    // A token acts for its creator: it can never do more than the creator's current role allows,
    // and it stops working when the creator leaves the workspace (or was deleted).
    if (t.getCreatedByUserId() == null) {
      return Optional.empty();
    }
    WorkspaceMembership creator =
        em.find(
            WorkspaceMembership.class,
            new MembershipId(t.getWorkspaceId(), t.getCreatedByUserId()));
    if (creator == null) {
      return Optional.empty();
    }
    Caller asCreator =
        Caller.member(t.getWorkspaceId(), t.getCreatedByUserId(), creator.getRole(), null, null);
    Set<Scope> effective = EnumSet.noneOf(Scope.class);
    t.getScopes().stream()
        .filter(s -> AccessPolicy.permits(asCreator, Action.valueOf(s.name())))
        .forEach(effective::add);
    if (t.getLastUsedAt().map(u -> u.plus(LAST_USED_GRANULARITY).isBefore(now)).orElse(true)) {
      t.markUsed(now);
    }
    return Optional.of(
        Caller.token(
            t.getWorkspaceId(),
            t.getId(),
            t.getCreatedByUserId(),
            effective,
            clientAddress,
            requestId));
  }

  /** A new token and its secret, which exists only in this return value. */
  public record CreatedToken(ApiToken token, String secret) {
    @Override
    public String toString() {
      return "CreatedToken[" + token + "]";
    }
  }

  public CreatedToken create(
      Caller caller, String name, Collection<String> scopeCodes, Instant expiresAt) {
    Instant now = Timestamps.now();
    guard(caller, "token.create", null, now);
    throttle(caller, now);
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new InvalidRequestException("name: 1-100 characters required");
    }
    Set<Scope> scopes = parseScopes(scopeCodes);
    for (Scope scope : scopes) {
      if (!grantable(caller, scope)) {
        throw new AccessDeniedException(Action.valueOf(scope.name()));
      }
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new InvalidRequestException("expiresAt: must be in the future");
    }
    if (caller.userId() == null) {
      throw new InvalidRequestException(
          "this credential has no user to attribute the new token to");
    }
    TokenSecrets.Secret secret = TokenSecrets.generate();
    ApiToken token =
        new ApiToken(
            caller.workspaceId(),
            name,
            secret.publicPrefix(),
            secret.hash(),
            scopes,
            caller.userId(),
            expiresAt,
            now);
    em.persist(token);
    audit.success(caller, "token.create", "api_token", token.getId().toString(), now);
    return new CreatedToken(token, secret.token());
  }

  public List<ApiToken> list(Caller caller) {
    guard(caller, "token.list", null, Timestamps.now());
    return WorkspaceScope.of(em, caller.workspaceId())
        .where(ApiToken.class, "", "createdAt desc, id desc")
        .setMaxResults(500)
        .getResultList();
  }

  public ApiToken get(Caller caller, UUID tokenId) {
    guard(caller, "token.read", tokenId, Timestamps.now());
    return WorkspaceScope.of(em, caller.workspaceId())
        .find(ApiToken.class, tokenId)
        .orElseThrow(() -> new NotFoundException("token"));
  }

  public void revoke(Caller caller, UUID tokenId) {
    Instant now = Timestamps.now();
    guard(caller, "token.revoke", tokenId, now);
    throttle(caller, now);
    ApiToken token =
        WorkspaceScope.of(em, caller.workspaceId())
            .find(ApiToken.class, tokenId)
            .orElseThrow(() -> new NotFoundException("token"));
    token.revoke(caller.userId(), now);
    audit.success(caller, "token.revoke", "api_token", tokenId.toString(), now);
  }

  /** A credential may only hand out rights it has itself. */
  private static boolean grantable(Caller caller, Scope scope) {
    return caller.isToken()
        ? caller.scopes().contains(scope)
        : AccessPolicy.permits(caller, Action.valueOf(scope.name()));
  }

  private void guard(Caller caller, String auditAction, UUID target, Instant now) {
    if (!AccessPolicy.permits(caller, Action.TOKENS_ADMIN)) {
      audit.recordSeparately(
          caller.workspaceId(),
          AuditTrail.actor(caller),
          auditAction,
          "api_token",
          target == null ? null : target.toString(),
          AuditOutcome.DENIED,
          now);
      throw new AccessDeniedException(Action.TOKENS_ADMIN);
    }
  }

  private void throttle(Caller caller, Instant now) {
    Duration minute = Duration.ofMinutes(1);
    if (caller.userId() != null) {
      limiter.hit(
          "token-mutation:user:" + caller.userId(),
          mutationsPerMinute.get(),
          minute,
          "token changes",
          now);
    }
    limiter.hit(
        "token-mutation:workspace:" + caller.workspaceId(),
        mutationsPerMinute.get(),
        minute,
        "token changes",
        now);
  }

  private static Set<Scope> parseScopes(Collection<String> codes) {
    if (codes == null || codes.isEmpty()) {
      throw new InvalidRequestException(
          "scopes: at least one of runs:read, runs:write, outputs:read, tokens:admin");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String code : codes) {
      scopes.add(
          Scope.fromCode(code)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          "scopes: unknown scope '"
                              + code
                              + "' (known: runs:read, runs:write, outputs:read, tokens:admin)")));
    }
    return scopes;
  }
}
