package io.antpath.platform.tenancy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The only way services read workspace-owned rows: every query it builds is restricted to one
 * workspace, so a row of another tenant is indistinguishable from a missing row (which the API
 * answers with 404).
 */
public final class WorkspaceScope {
  private static final Pattern ORDER_BY = Pattern.compile("^[A-Za-z0-9_., ]*$");
  private final EntityManager em;
  private final UUID workspaceId;

  private WorkspaceScope(EntityManager em, UUID workspaceId) {
    this.em = Objects.requireNonNull(em, "entity manager is required");
    this.workspaceId = Objects.requireNonNull(workspaceId, "workspace id is required");
  }

  public static WorkspaceScope of(EntityManager em, UUID workspaceId) {
    return new WorkspaceScope(em, workspaceId);
  }

  public UUID workspaceId() {
    return workspaceId;
  }

  /** The entity with this id if it exists in this workspace. */
  public <T extends WorkspaceOwned> Optional<T> find(Class<T> type, Object id) {
    Objects.requireNonNull(id, "id is required");
    return where(type, "e.id = :id").setParameter("id", id).getResultStream().findFirst();
  }

  /**
   * A query over this workspace's rows of {@code type}, alias {@code e}. The condition (JPQL, may
   * be empty) is ANDed with the workspace restriction; bind its named parameters on the result.
   */
  public <T extends WorkspaceOwned> TypedQuery<T> where(Class<T> type, String condition) {
    return where(type, condition, "");
  }

  /** As {@link #where(Class, String)} with an ORDER BY over {@code e}'s attributes. */
  public <T extends WorkspaceOwned> TypedQuery<T> where(
      Class<T> type, String condition, String orderBy) {
    if (!ORDER_BY.matcher(orderBy).matches()) {
      throw new IllegalArgumentException("orderBy may only name attributes and directions");
    }
    String jpql = jpql("e", type, condition) + (orderBy.isBlank() ? "" : " order by " + orderBy);
    return em.createQuery(jpql, type).setParameter("ws", workspaceId);
  }

  /** Number of this workspace's rows of {@code type} matching the condition. */
  public <T extends WorkspaceOwned> long count(
      Class<T> type, String condition, Object... namedParams) {
    String jpql = jpql("count(e)", type, condition);
    TypedQuery<Long> q = em.createQuery(jpql, Long.class).setParameter("ws", workspaceId);
    for (int i = 0; i + 1 < namedParams.length; i += 2) {
      q.setParameter((String) namedParams[i], namedParams[i + 1]);
    }
    return q.getSingleResult();
  }

  /**
   * {@code select <what> from <type> e} restricted to this workspace and to the condition, if any.
   */
  private String jpql(String what, Class<?> type, String condition) {
    return "select "
        + what
        + " from "
        + em.getMetamodel().entity(type).getName()
        + " e where e.workspaceId = :ws"
        + (condition == null || condition.isBlank() ? "" : " and (" + condition + ")");
  }
}
