package io.antpath.web.dashboard;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** Signing out ends the authentication and the session. */
@Named
@RequestScoped
public class SignOut {
  public void signOut() throws ServletException, IOException {
    ExternalContext ext = FacesContext.getCurrentInstance().getExternalContext();
    ((HttpServletRequest) ext.getRequest()).logout();
    ext.invalidateSession();
    ext.redirect(ext.getRequestContextPath() + "/login.xhtml");
  }
}
