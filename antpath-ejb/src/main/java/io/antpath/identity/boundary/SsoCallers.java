package io.antpath.identity.boundary;

import io.antpath.access.entity.Caller;
import io.antpath.access.entity.NotAuthenticatedException;
import io.antpath.access.entity.NotFoundException;
import io.antpath.access.entity.Role;
import io.antpath.access.entity.WorkspaceRequiredException;
import io.antpath.identity.entity.AppUser;
import io.antpath.identity.entity.UserStatus;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/**
 * The caller an OpenID Connect access token stands for on the API: the antpath user linked to the
 * token's issuer and subject (the link the dashboard's sign-in with the same provider creates),
 * acting as a member of one of their workspaces with their role there, exactly as in the dashboard.
 * Nothing is created here: an identity without an account is refused, since the API is not a
 * sign-in, and reads must not write.
 *
 * <p>Which workspace: the one the request names (its slug or id); when it names none, the user's
 * only workspace; with several (or none) the request must name one ({@code workspace_required}). A
 * workspace the user is not a member of answers 404, as does another tenant's resource.
 */
@Stateless
public class SsoCallers {
  private static final String MEMBERSHIPS =
      "select w.id, m.role from Workspace w, WorkspaceMembership m"
          + " where m.id.workspaceId = w.id and m.id.userId = :u";

  @PersistenceContext EntityManager em;

  /**
   * @param workspace the slug or id the request names, or null
   * @throws NotAuthenticatedException {@code unknown_user} when no active account is linked
   * @throws NotFoundException when the named workspace does not exist or the user is no member
   * @throws WorkspaceRequiredException when none is named and the user has not exactly one
   */
  public Caller caller(
      String issuer, String subject, String workspace, String clientAddress, String requestId) {
    AppUser user =
        em.createNamedQuery("AppUser.findByOidc", AppUser.class)
            .setParameter("issuer", issuer)
            .setParameter("subject", subject)
            .getResultStream()
            .filter(u -> u.getStatus() == UserStatus.ACTIVE)
            .findFirst()
            .orElseThrow(
                () ->
                    new NotAuthenticatedException(
                        "unknown_user",
                        "no active antpath account is linked to this identity; sign in to the"
                            + " dashboard with the same provider once to create it"));
    List<Object[]> found = memberships(user.getId(), workspace);
    if (workspace != null && found.isEmpty()) {
      throw new NotFoundException("workspace");
    }
    if (found.size() != 1) {
      throw new WorkspaceRequiredException(
          (found.isEmpty()
                  ? "this user belongs to no workspace"
                  : "this user belongs to several workspaces")
              + "; name one in the Antpath-Workspace header (its slug or id)");
    }
    Object[] row = found.get(0);
    return Caller.member((UUID) row[0], user.getId(), (Role) row[1], clientAddress, requestId);
  }

  private List<Object[]> memberships(UUID userId, String workspace) {
    if (workspace == null) {
      return em.createQuery(MEMBERSHIPS, Object[].class)
          .setParameter("u", userId)
          .setMaxResults(2)
          .getResultList();
    }
    UUID id = parseUuid(workspace);
    return em.createQuery(
            MEMBERSHIPS + (id == null ? " and w.slug = :w" : " and w.id = :w"), Object[].class)
        .setParameter("u", userId)
        .setParameter("w", id == null ? workspace : id)
        .getResultList();
  }

  private static UUID parseUuid(String value) {
    try {
      return value.length() == 36 ? UUID.fromString(value) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
