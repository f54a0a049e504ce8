package io.antpath.web.dashboard;

import io.antpath.web.security.LocalIdentityStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The sign-in page. */
@Named
@RequestScoped
public class LoginForm {
  @Inject SecurityContext security;

  private String email;
  private String password;

  public void signIn() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext ext = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) ext.getRequest();
    AuthenticationStatus status =
        security.authenticate(
            request,
            (HttpServletResponse) ext.getResponse(),
            AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(
                    new UsernamePasswordCredential(
                        email == null ? "" : email,
                        new Password(password == null ? "" : password))));
    password = null;
    switch (status) {
      case SEND_CONTINUE -> faces.responseComplete();
      case SUCCESS -> {
        // A new session id after sign-in: a session id planted before it is worth nothing.
        request.changeSessionId();
        ext.redirect(ext.getRequestContextPath() + "/app/index.xhtml");
      }
      default -> refused(ext, request);
    }
  }

  private static void refused(ExternalContext ext, HttpServletRequest request) {
    Object retryAfter = request.getAttribute(LocalIdentityStore.RATE_LIMITED);
    if (retryAfter != null) {
      ext.setResponseStatus(429);
      ext.setResponseHeader("Retry-After", retryAfter.toString());
      Ui.error("Too many sign-in attempts. Try again in a minute.");
    } else {
      Ui.error("Wrong e-mail address or password.");
    }
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
