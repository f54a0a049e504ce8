package io.antpath.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Who did what to which target, from where, with what outcome. Written, never updated. The
 * workspace is recorded but not required: sign-in failures happen before any workspace is known.
 */
@Entity
@Table(name = "audit_log")
public class AuditEntry {
  private static final Pattern ACTION = Pattern.compile("^[a-z][a-z0-9_.]*$");

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(name = "workspace_id")
  private UUID workspaceId;

  @Column(name = "actor_user_id")
  private UUID actorUserId;

  @Column(name = "actor_token_id")
  private UUID actorTokenId;

  @Column(nullable = false, length = 64)
  private String action;

  @Column(name = "target_type", length = 40)
  private String targetType;

  @Column(name = "target_id")
  private String targetId;

  @Column(nullable = false, length = 16)
  private AuditOutcome outcome;

  @Column(name = "client_address", length = 64)
  private String clientAddress;

  @Column(name = "request_id", length = 64)
  private String requestId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false, columnDefinition = "jsonb")
  private String detail;

  protected AuditEntry() {}

  /** Actor and request context of an audited action. */
  public record Actor(UUID userId, UUID tokenId, String clientAddress, String requestId) {}

  public AuditEntry(
      UUID workspaceId,
      Actor actor,
      String action,
      String targetType,
      String targetId,
      AuditOutcome outcome,
      String detailJson,
      Instant now) {
    Objects.requireNonNull(action, "action is required");
    if (!ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("action must look like 'token.create'");
    }
    Objects.requireNonNull(actor, "actor is required");
    this.workspaceId = workspaceId;
    this.actorUserId = actor.userId();
    this.actorTokenId = actor.tokenId();
    this.clientAddress = actor.clientAddress();
    this.requestId = actor.requestId();
    this.action = action;
    this.targetType = targetType;
    this.targetId = targetId;
    this.outcome = Objects.requireNonNull(outcome, "outcome is required");
    this.detail = detailJson == null ? "{}" : detailJson;
    this.occurredAt = Objects.requireNonNull(now, "now is required");
  }

  public Long getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public Optional<UUID> getWorkspaceId() {
    return Optional.ofNullable(workspaceId);
  }

  public Optional<UUID> getActorUserId() {
    return Optional.ofNullable(actorUserId);
  }

  public Optional<UUID> getActorTokenId() {
    return Optional.ofNullable(actorTokenId);
  }

  public String getAction() {
    return action;
  }

  public Optional<String> getTargetType() {
    return Optional.ofNullable(targetType);
  }

  public Optional<String> getTargetId() {
    return Optional.ofNullable(targetId);
  }

  public AuditOutcome getOutcome() {
    return outcome;
  }

  public Optional<String> getClientAddress() {
    return Optional.ofNullable(clientAddress);
  }

  public Optional<String> getRequestId() {
    return Optional.ofNullable(requestId);
  }

  public String getDetail() {
    return detail;
  }
}
