package io.antpath.web.dashboard;

import io.antpath.platform.DomainException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.UUID;

/** Small helpers shared by the view beans: messages, and running an action that may be refused. */
public final class Ui {
  private Ui() {}

  public static void info(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
  }

  public static void error(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }

  /** Runs an action; a refusal (validation, permission, conflict) becomes an error message. */
  public static boolean attempt(Runnable action, String success) {
    try {
      action.run();
      if (success != null) {
        info(success);
      }
      return true;
    } catch (DomainException e) {
      error(e.getMessage());
      return false;
    }
  }

  public static UUID currentUserId(jakarta.security.enterprise.SecurityContext security) {
    return UUID.fromString(security.getCallerPrincipal().getName());
  }

  /**
   * The current request's parameter (Faces views reached through {@link DashboardUrls} get theirs
   * from the address).
   */
  public static String param(String name) {
    return FacesContext.getCurrentInstance()
        .getExternalContext()
        .getRequestParameterMap()
        .get(name);
  }

  public static String clientAddress() {
    return ((jakarta.servlet.http.HttpServletRequest)
            FacesContext.getCurrentInstance().getExternalContext().getRequest())
        .getRemoteAddr();
  }

  /** Redirects (post/redirect/get) to an address under the context path, keeping the messages. */
  public static void redirect(String address) {
    jakarta.faces.context.ExternalContext ext =
        FacesContext.getCurrentInstance().getExternalContext();
    ext.getFlash().setKeepMessages(true);
    try {
      ext.redirect(ext.getRequestContextPath() + address);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static String runsAddress(String slug) {
    return DashboardUrls.runs(slug);
  }

  public static String runAddress(String slug, Object runId) {
    return DashboardUrls.run(slug, runId);
  }
}
