package io.antpath.token.entity;

import io.antpath.access.entity.Scope;
import io.antpath.platform.Ids;
import io.antpath.platform.tenancy.WorkspaceOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An API token of one workspace. The secret is shown once at creation; only its SHA-256 is kept,
 * and {@link #toString()} prints neither.
 */
@Entity
@Table(name = "api_tokens")
@NamedQuery(
    name = "ApiToken.findBySecretHash",
    query = "select t from ApiToken t where t.secretHash = :hash")
public class ApiToken implements WorkspaceOwned {
  @Id private UUID id;

  @Column(name = "workspace_id", nullable = false)
  private UUID workspaceId;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(name = "token_prefix", nullable = false, length = 16)
  private String tokenPrefix;

  @Column(name = "secret_hash", nullable = false)
  private byte[] secretHash;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false, columnDefinition = "text[]")
  private String[] scopes;

  @Column(name = "created_by_user_id")
  private UUID createdByUserId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by_user_id")
  private UUID revokedByUserId;

  protected ApiToken() {}

  public ApiToken(
      UUID workspaceId,
      String name,
      String tokenPrefix,
      byte[] secretHash,
      Set<Scope> scopes,
      UUID createdByUserId,
      Instant expiresAt,
      Instant now) {
    this.id = Ids.newId();
    this.workspaceId = Objects.requireNonNull(workspaceId, "workspace id is required");
    Objects.requireNonNull(name, "name is required");
    if (name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("name must be 1-100 characters");
    }
    this.name = name.trim();
    this.tokenPrefix = Objects.requireNonNull(tokenPrefix, "token prefix is required");
    Objects.requireNonNull(secretHash, "secret hash is required");
    if (secretHash.length != 32) {
      throw new IllegalArgumentException("secret hash must be a SHA-256 digest");
    }
    this.secretHash = secretHash.clone();
    if (scopes == null || scopes.isEmpty()) {
      throw new IllegalArgumentException("at least one scope is required");
    }
    this.scopes = scopes.stream().sorted().map(Scope::code).toArray(String[]::new);
    this.createdByUserId = Objects.requireNonNull(createdByUserId, "creating user is required");
    this.createdAt = Objects.requireNonNull(now, "now is required");
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("expiry must be in the future");
    }
    this.expiresAt = expiresAt;
  }

  /** True when the token may authenticate a request at {@code now}. */
  public boolean isUsable(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public void revoke(UUID byUserId, Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
      revokedByUserId = Objects.requireNonNull(byUserId, "revoking user is required");
    }
  }

  public void markUsed(Instant now) {
    lastUsedAt = now;
  }

  public boolean has(Scope scope) {
    return Arrays.asList(scopes).contains(scope.code());
  }

  public Set<Scope> getScopes() {
    return Arrays.stream(scopes)
        .map(code -> Scope.fromCode(code).orElseThrow())
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
  }

  public UUID getId() {
    return id;
  }

  @Override
  public UUID getWorkspaceId() {
    return workspaceId;
  }

  public String getName() {
    return name;
  }

  public String getTokenPrefix() {
    return tokenPrefix;
  }

  public UUID getCreatedByUserId() {
    return createdByUserId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Optional<Instant> getExpiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  public Optional<Instant> getLastUsedAt() {
    return Optional.ofNullable(lastUsedAt);
  }

  public Optional<Instant> getRevokedAt() {
    return Optional.ofNullable(revokedAt);
  }

  @Override
  public String toString() {
    return "ApiToken[id=" + id + ", workspace=" + workspaceId + ", prefix=" + tokenPrefix + "]";
  }
}
