package io.antpath.web.dashboard;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;

/** The status the container's error page ({@code error/page.xhtml}) was dispatched with. */
@Named
@RequestScoped
public class ErrorPage {
  public int getStatus() {
    Object code =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestMap()
            .get(RequestDispatcher.ERROR_STATUS_CODE);
    return code instanceof Integer i ? i : 500;
  }
}
