package io.antpath.web.dashboard;

import io.antpath.workspace.boundary.Workspaces;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;

/** "My workspaces": the ones the signed-in user belongs to, and creating a new one. */
@Named
@ViewScoped
public class WorkspaceList implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient Workspaces workspaces;
  @Inject transient SecurityContext security;

  private transient List<Workspaces.Membership> mine;
  private String slug;
  private String name;
  private String confirmDeletion;

  public List<Workspaces.Membership> getMine() {
    if (mine == null) {
      mine = workspaces.mine(Ui.currentUserId(security));
    }
    return mine;
  }

  public void create() {
    String address =
        ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest())
            .getRemoteAddr();
    if (Ui.attempt(
        () -> workspaces.create(Ui.currentUserId(security), slug, name, address),
        "Workspace created.")) {
      slug = null;
      name = null;
      mine = null;
    }
  }

  /**
   * Deletes the signed-in user's account (typing DELETE confirms), then signs out. Refused while
   * the user is the only owner of a workspace that has other members.
   */
  public void deleteAccount() throws jakarta.servlet.ServletException, java.io.IOException {
    if (!"DELETE".equals(confirmDeletion == null ? null : confirmDeletion.trim())) {
      Ui.error("Type DELETE to confirm.");
      return;
    }
    jakarta.faces.context.ExternalContext ext =
        FacesContext.getCurrentInstance().getExternalContext();
    HttpServletRequest request = (HttpServletRequest) ext.getRequest();
    if (Ui.attempt(
        () -> workspaces.deleteAccount(Ui.currentUserId(security), request.getRemoteAddr()),
        "Your account is being deleted.")) {
      request.logout();
      ext.invalidateSession();
      ext.redirect(ext.getRequestContextPath() + "/login.xhtml?deleted=true");
    }
  }

  public String getConfirmDeletion() {
    return confirmDeletion;
  }

  public void setConfirmDeletion(String confirmDeletion) {
    this.confirmDeletion = confirmDeletion;
  }

  public String getSlug() {
    return slug;
  }

  public void setSlug(String slug) {
    this.slug = slug;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
