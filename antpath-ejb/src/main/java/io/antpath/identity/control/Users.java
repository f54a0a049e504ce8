package io.antpath.identity.control;

import io.antpath.identity.entity.AppUser;
import jakarta.persistence.EntityManager;
import java.util.Optional;

/** Account look-ups shared by sign-in, sign-up, membership and seeding. */
public final class Users {
  private Users() {}

  /**
   * The account with this e-mail address (compared case-insensitively, surrounding blanks ignored).
   */
  public static Optional<AppUser> byEmail(EntityManager em, String email) {
    return em.createNamedQuery("AppUser.findByEmail", AppUser.class)
        .setParameter("email", email == null ? "" : email.trim())
        .getResultStream()
        .findFirst();
  }
}
