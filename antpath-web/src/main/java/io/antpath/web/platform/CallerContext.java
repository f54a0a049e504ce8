package io.antpath.web.platform;

import io.antpath.access.entity.Caller;
import io.antpath.access.entity.NotAuthenticatedException;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link BearerAuthFilter}. */
@RequestScoped
public class CallerContext {
  private Caller caller;

  void set(Caller authenticated) {
    this.caller = authenticated;
  }

  /**
   * @throws NotAuthenticatedException when the request carried no valid credentials
   */
  public Caller get() {
    if (caller == null) {
      throw new NotAuthenticatedException("unauthenticated", "credentials are required");
    }
    return caller;
  }
}
