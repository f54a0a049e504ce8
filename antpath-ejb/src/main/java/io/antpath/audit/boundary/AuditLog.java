package io.antpath.audit.boundary;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.audit.entity.AuditEntry;
import io.antpath.audit.entity.AuditOutcome;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A workspace's audit log, newest first, for those who manage its people and tokens (owners and
 * admins). Keyset-paged by entry id on {@code audit_log_workspace_idx}; actors are named by the
 * e-mail of their user and the name of their token where those still exist (the log outlives them).
 */
@Stateless
public class AuditLog {
  @PersistenceContext EntityManager em;

  /** What to show: an action prefix ({@code token.}, {@code member.add}) and an outcome. */
  public record Filter(String actionPrefix, AuditOutcome outcome) {
    public static final Filter NONE = new Filter(null, null);
  }

  /** One entry with its actor's names, when they are still known. */
  public record Line(AuditEntry entry, Optional<String> userEmail, Optional<String> tokenName) {}

  /** Where a page ends: the (time, id) of its last entry; the next page starts after it. */
  public record Position(Instant occurredAt, long id) {}

  /** Entries after {@code after} (null: the newest), newest first, at most {@code limit}. */
  public List<Line> page(Caller caller, Filter filter, Position after, int limit) {
    AccessPolicy.require(caller, Action.MEMBERS_ADMIN);
    Objects.requireNonNull(filter, "filter is required");
    StringBuilder jpql = new StringBuilder("select a from AuditEntry a where a.workspaceId = :ws");
    if (filter.actionPrefix() != null && !filter.actionPrefix().isBlank()) {
      jpql.append(" and a.action like :action escape '!'");
    }
    if (filter.outcome() != null) {
      jpql.append(" and a.outcome = :outcome");
    }
    if (after != null) {
      jpql.append(" and (a.occurredAt < :t or (a.occurredAt = :t and a.id < :id))");
    }
    var query =
        em.createQuery(
                jpql.append(" order by a.occurredAt desc, a.id desc").toString(), AuditEntry.class)
            .setParameter("ws", caller.workspaceId())
            .setMaxResults(limit);
    if (filter.actionPrefix() != null && !filter.actionPrefix().isBlank()) {
      query.setParameter("action", escapeLike(filter.actionPrefix().trim()) + "%");
    }
    if (filter.outcome() != null) {
      query.setParameter("outcome", filter.outcome());
    }
    if (after != null) {
      query.setParameter("t", after.occurredAt()).setParameter("id", after.id());
    }
    List<AuditEntry> entries = query.getResultList();
    Map<UUID, String> emails = new HashMap<>();
    ids(entries, AuditEntry::getActorUserId)
        .ifPresent(
            ids ->
                em.createQuery(
                        "select u.id, u.email from AppUser u where u.id in :ids", Object[].class)
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(row -> emails.put((UUID) row[0], (String) row[1])));
    // Token names only from this workspace: another tenant's token never lends its name.
    Map<UUID, String> tokens = new HashMap<>();
    ids(entries, AuditEntry::getActorTokenId)
        .ifPresent(
            ids ->
                em.createQuery(
                        "select t.id, t.name from ApiToken t where t.workspaceId = :ws and t.id in"
                            + " :ids",
                        Object[].class)
                    .setParameter("ws", caller.workspaceId())
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(row -> tokens.put((UUID) row[0], (String) row[1])));
    return entries.stream()
        .map(
            e ->
                new Line(
                    e, e.getActorUserId().map(emails::get), e.getActorTokenId().map(tokens::get)))
        .toList();
  }

  private static Optional<List<UUID>> ids(
      List<AuditEntry> entries, Function<AuditEntry, Optional<UUID>> id) {
    List<UUID> ids = entries.stream().flatMap(e -> id.apply(e).stream()).distinct().toList();
    return ids.isEmpty() ? Optional.empty() : Optional.of(ids);
  }

  private static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
