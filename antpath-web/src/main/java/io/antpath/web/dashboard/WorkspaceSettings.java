package io.antpath.web.dashboard;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.Role;
import io.antpath.run.boundary.Runs;
import io.antpath.run.entity.Run;
import io.antpath.token.boundary.ApiTokens;
import io.antpath.token.entity.ApiToken;
import io.antpath.workspace.boundary.Memberships;
import io.antpath.workspace.boundary.Workspaces;
import io.antpath.workspace.entity.Workspace;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One workspace: its recent runs (with cleanup problems), members (add, change role, remove), API
 * tokens (create, revoke), and deleting it.
 */
@Named
@ViewScoped
public class WorkspaceSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient Workspaces workspaces;
  @Inject transient Memberships memberships;
  @Inject transient ApiTokens tokens;
  @Inject transient Runs runs;
  @Inject transient SecurityContext security;

  private String slug;
  private transient Caller caller;
  private String name;
  private String newName;
  private transient List<Memberships.Member> members;
  private transient List<ApiToken> tokenList;
  private String newMemberEmail;
  private String newMemberRole = "member";
  private String newTokenName;
  private List<String> newTokenScopes = List.of("runs:read");
  private String createdSecret;
  private transient List<Run> recentRuns;
  private String confirmSlug;
  private boolean pendingDelete;

  /** Loads the workspace named by the view parameter; another tenant's workspace is "not found". */
  public void load() {
    HttpServletRequest request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    caller =
        workspaces.memberCaller(Ui.currentUserId(security), slug, request.getRemoteAddr(), null);
    Workspace ws = workspaces.current(caller).workspace();
    name = ws.getName();
    pendingDelete = ws.getDeleteRequestedAt().isPresent();
    recentRuns = runs.page(caller, Runs.Filter.NONE, null, null, 20);
    members = memberships.list(caller);
    tokenList = isCanManageTokens() ? tokens.list(caller) : List.of();
  }

  private Caller caller() {
    if (caller == null) {
      HttpServletRequest request =
          (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
      caller =
          workspaces.memberCaller(Ui.currentUserId(security), slug, request.getRemoteAddr(), null);
    }
    return caller;
  }

  public String getName() {
    return name;
  }

  /** The newest runs, with their cleanup state and any cleanup error (what is left, what to do). */
  public List<Run> getRecentRuns() {
    return recentRuns;
  }

  public boolean isPendingDelete() {
    return pendingDelete;
  }

  public boolean isCanDelete() {
    return !pendingDelete && AccessPolicy.permits(caller(), Action.WORKSPACE_ADMIN);
  }

  /** Starts deleting the workspace (the owner types its slug to confirm). */
  public void deleteWorkspace() {
    if (Ui.attempt(
        () -> workspaces.requestDeletion(caller(), confirmSlug),
        "The workspace is being deleted: its runs are stopped and cleaned up, then everything goes.")) {
      pendingDelete = true;
      tokenList = isCanManageTokens() ? tokens.list(caller()) : List.of();
      recentRuns = runs.page(caller(), Runs.Filter.NONE, null, null, 20);
    }
  }

  public String getConfirmSlug() {
    return confirmSlug;
  }

  public void setConfirmSlug(String confirmSlug) {
    this.confirmSlug = confirmSlug;
  }

  public String getRole() {
    return caller().role().name().toLowerCase(Locale.ROOT);
  }

  public boolean isCanRename() {
    return AccessPolicy.permits(caller(), Action.WORKSPACE_ADMIN);
  }

  public void rename() {
    if (Ui.attempt(() -> workspaces.rename(caller(), newName), "Workspace renamed.")) {
      name = newName;
    }
  }

  public String getNewName() {
    return newName == null ? name : newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  public boolean isCanSubmitRuns() {
    return AccessPolicy.permits(caller(), Action.RUNS_WRITE);
  }

  public boolean isCanManageMembers() {
    return AccessPolicy.permits(caller(), Action.MEMBERS_ADMIN);
  }

  public boolean isCanManageTokens() {
    return AccessPolicy.permits(caller(), Action.TOKENS_ADMIN);
  }

  public List<Memberships.Member> getMembers() {
    return members;
  }

  public List<ApiToken> getTokens() {
    return tokenList;
  }

  /** Refreshes the lists; a token secret shown by the previous action is not shown again. */
  private void reload() {
    createdSecret = null;
    members = memberships.list(caller());
    tokenList = isCanManageTokens() ? tokens.list(caller()) : List.of();
  }

  public void addMember() {
    if (Ui.attempt(
        () -> memberships.add(caller(), newMemberEmail, role(newMemberRole)), "Member added.")) {
      newMemberEmail = null;
    }
    reload();
  }

  public void changeRole(UUID userId, String role) {
    Ui.attempt(() -> memberships.changeRole(caller(), userId, role(role)), "Role changed.");
    reload();
  }

  public void removeMember(UUID userId) {
    Ui.attempt(() -> memberships.remove(caller(), userId), "Member removed.");
    reload();
  }

  public void createToken() {
    String[] secret = new String[1];
    Ui.attempt(
        () -> secret[0] = tokens.create(caller(), newTokenName, newTokenScopes, null).secret(),
        "Token created. Copy the secret now: it is shown only once.");
    newTokenName = null;
    reload();
    createdSecret = secret[0];
  }

  public void revokeToken(UUID tokenId) {
    Ui.attempt(() -> tokens.revoke(caller(), tokenId), "Token revoked.");
    reload();
  }

  /** A token's scopes as their wire codes, e.g. {@code runs:read, outputs:read}. */
  public String scopesOf(ApiToken token) {
    return token.getScopes().stream()
        .map(io.antpath.access.entity.Scope::code)
        .sorted()
        .collect(java.util.stream.Collectors.joining(", "));
  }

  public List<String> getRoles() {
    return List.of("owner", "admin", "member", "viewer");
  }

  public List<String> getScopes() {
    return List.of("runs:read", "runs:write", "outputs:read", "tokens:admin");
  }

  private static Role role(String name) {
    try {
      return Role.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }

  public String getSlug() {
    return slug;
  }

  public void setSlug(String slug) {
    this.slug = slug;
  }

  public String getNewMemberEmail() {
    return newMemberEmail;
  }

  public void setNewMemberEmail(String newMemberEmail) {
    this.newMemberEmail = newMemberEmail;
  }

  public String getNewMemberRole() {
    return newMemberRole;
  }

  public void setNewMemberRole(String newMemberRole) {
    this.newMemberRole = newMemberRole;
  }

  public String getNewTokenName() {
    return newTokenName;
  }

  public void setNewTokenName(String newTokenName) {
    this.newTokenName = newTokenName;
  }

  public List<String> getNewTokenScopes() {
    return newTokenScopes;
  }

  public void setNewTokenScopes(List<String> newTokenScopes) {
    this.newTokenScopes = newTokenScopes;
  }

  /** The secret of the token just created in this view, shown once. */
  public String getCreatedSecret() {
    return createdSecret;
  }
}
