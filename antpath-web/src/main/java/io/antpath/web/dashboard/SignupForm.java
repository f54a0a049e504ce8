package io.antpath.web.dashboard;

import io.antpath.workspace.boundary.Workspaces;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sign-up page (when {@code antpath.identity.signup-enabled}): an account and a first
 * workspace.
 */
@Named
@RequestScoped
public class SignupForm {
  @Inject Workspaces workspaces;

  @Inject
  @ConfigProperty(name = "antpath.identity.signup-enabled")
  jakarta.inject.Provider<Boolean> enabled;

  private String email;
  private String name;
  private String password;
  private String workspaceSlug;
  private String workspaceName;

  public boolean isEnabled() {
    return enabled.get();
  }

  public void signUp() throws IOException {
    if (!isEnabled()) {
      Ui.error("Sign-up is turned off on this server; ask a workspace owner to add you.");
      return;
    }
    ExternalContext ext = FacesContext.getCurrentInstance().getExternalContext();
    String address = ((HttpServletRequest) ext.getRequest()).getRemoteAddr();
    boolean done =
        Ui.attempt(
            () -> workspaces.signUp(email, name, password, workspaceSlug, workspaceName, address),
            null);
    password = null;
    if (done) {
      ext.getFlash().put("signedUp", Boolean.TRUE);
      ext.redirect(ext.getRequestContextPath() + "/login.xhtml?signedUp=true");
    }
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getWorkspaceSlug() {
    return workspaceSlug;
  }

  public void setWorkspaceSlug(String workspaceSlug) {
    this.workspaceSlug = workspaceSlug;
  }

  public String getWorkspaceName() {
    return workspaceName;
  }

  public void setWorkspaceName(String workspaceName) {
    this.workspaceName = workspaceName;
  }
}
