package io.antpath.web.dashboard;

import io.antpath.access.entity.Caller;
import io.antpath.audit.boundary.AuditLog;
import io.antpath.audit.entity.AuditEntry;
import io.antpath.audit.entity.AuditOutcome;
import io.antpath.web.platform.Cursor;
import io.antpath.workspace.boundary.Workspaces;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A workspace's audit log ({@code /app/w/{slug}/audit}), for its owners and admins: newest first,
 * 50 a page, keyset-paged, filtered by action (prefix, e.g. {@code token.}) and outcome through a
 * GET form, so a filtered page is a shareable address. Anyone else gets the 403 page.
 */
@Named
@RequestScoped
public class WorkspaceAudit {
  static final int PAGE = 50;

  @Inject Workspaces workspaces;
  @Inject AuditLog log;
  @Inject SecurityContext security;

  private String slug;
  private String action;
  private String outcome;
  private String outcomeProblem;
  private List<AuditLog.Line> lines = List.of();
  private String nextAfter;

  @PostConstruct
  void load() {
    slug = Ui.param("ws");
    Caller caller =
        workspaces.memberCaller(Ui.currentUserId(security), slug, Ui.clientAddress(), null);
    action = blank(Ui.param("action"));
    outcome = blank(Ui.param("outcome"));
    AuditOutcome o = null;
    if (outcome != null) {
      try {
        o = AuditOutcome.valueOf(outcome.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        outcomeProblem = "Pick an outcome from the list.";
      }
    }
    List<AuditLog.Line> found =
        log.page(caller, new AuditLog.Filter(action, o), position(Ui.param("after")), PAGE + 1);
    if (found.size() > PAGE) {
      AuditEntry last = found.get(PAGE - 1).entry();
      nextAfter = new Cursor(last.getOccurredAt(), Long.toString(last.getId())).encode();
      found = found.subList(0, PAGE);
    }
    lines = found;
  }

  private static AuditLog.Position position(String after) {
    try {
      return Cursor.decode(after)
          .map(c -> new AuditLog.Position(c.at(), Long.parseLong(c.id())))
          .orElse(null);
    } catch (NumberFormatException e) {
      return null; // not a position this page wrote: show the newest entries
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  public List<AuditLog.Line> getLines() {
    return lines;
  }

  /** Who acted: the user's e-mail and the token's name where still known. */
  public String actor(AuditLog.Line line) {
    String user =
        line.userEmail()
            .orElse(line.entry().getActorUserId().map(id -> "former user " + id).orElse(null));
    String token =
        line.entry().getActorTokenId().isEmpty()
            ? null
            : "token " + line.tokenName().orElse("(deleted)");
    if (user != null && token != null) {
      return token + " (" + user + ")";
    }
    return user != null ? user : token != null ? token : "—";
  }

  public String getNextAddress() {
    if (nextAfter == null) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("action", action);
    params.put("outcome", outcome);
    params.put("after", nextAfter);
    return DashboardUrls.audit(slug)
        + "?"
        + params.entrySet().stream()
            .filter(e -> e.getValue() != null)
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  public boolean isFiltered() {
    return action != null || outcome != null;
  }

  public List<String> getOutcomes() {
    return java.util.Arrays.stream(AuditOutcome.values())
        .map(v -> v.name().toLowerCase(Locale.ROOT))
        .toList();
  }

  public String getSlug() {
    return slug;
  }

  public String getAction() {
    return action;
  }

  public String getOutcome() {
    return outcome;
  }

  public String getOutcomeProblem() {
    return outcomeProblem;
  }
}
