package io.antpath.access.entity;

import io.antpath.platform.DomainException;
import java.util.Locale;

/** The caller is known but its role or token scopes do not allow the action (403). */
public class AccessDeniedException extends DomainException {
  private static final long serialVersionUID = 1L;

  public AccessDeniedException(Action action) {
    super(
        403,
        "forbidden",
        "Not allowed",
        "this credential may not "
            + action
                .name()
                .toLowerCase(Locale.ROOT)
                .replace('_', ' ')
                .replace(" admin", " (admin)"));
  }
}
