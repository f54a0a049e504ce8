package io.antpath.web.dashboard;

import io.antpath.platform.DomainException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.UUID;

/** Small helpers shared by the view beans: messages, and running an action that may be refused. */
final class Ui {
  private Ui() {}

  static void info(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
  }

  static void error(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }

  /** Runs an action; a refusal (validation, permission, conflict) becomes an error message. */
  static boolean attempt(Runnable action, String success) {
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

  static UUID currentUserId(jakarta.security.enterprise.SecurityContext security) {
    return UUID.fromString(security.getCallerPrincipal().getName());
  }
}
