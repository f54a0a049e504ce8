package io.antpath.web.run;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.run.boundary.Runs;
import io.antpath.run.control.RunRequest;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunStatus;
import io.antpath.web.dashboard.Ui;
import io.antpath.web.platform.Cursor;
import io.antpath.workspace.boundary.Workspaces;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The runs of one workspace ({@code /app/w/{slug}/runs}): newest first, keyset-paged through {@link
 * Runs#page} (one index range per page at any table size), filtered by status, creation date range
 * and one metadata key/value, with a search by run id. The filters are a GET form, so a filtered
 * page is a shareable address.
 */
@Named
@RequestScoped
public class RunList {
  static final int PAGE = 25;

  @Inject Workspaces workspaces;
  @Inject Runs runs;
  @Inject SecurityContext security;

  private String slug;
  private Caller caller;
  private String status;
  private String from;
  private String to;
  private String meta;
  private String q;
  private String after;
  private List<Run> page = List.of();
  private String nextAfter;
  private final Map<String, String> problems = new LinkedHashMap<>();

  @PostConstruct
  void load() {
    slug = Ui.param("ws");
    caller = workspaces.memberCaller(Ui.currentUserId(security), slug, Ui.clientAddress(), null);
    status = blankToNull(Ui.param("status"));
    from = blankToNull(Ui.param("from"));
    to = blankToNull(Ui.param("to"));
    meta = blankToNull(Ui.param("meta"));
    q = blankToNull(Ui.param("q"));
    after = blankToNull(Ui.param("after"));
  }

  /** View action: a search by id goes straight to that run's page; otherwise reads one page. */
  public void search() {
    if (q != null) {
      UUID id = uuid(q.trim());
      if (id != null && runExists(id)) {
        Ui.redirect(Ui.runAddress(slug, id));
        return;
      }
      problems.put("q", "No run with that id in this workspace.");
      return;
    }
    Runs.Filter filter = filter();
    if (!problems.isEmpty()) {
      return;
    }
    Instant afterCreated = null;
    UUID afterId = null;
    if (after != null) {
      try {
        Cursor position = Cursor.decode(after).orElseThrow();
        afterId = UUID.fromString(position.id());
        afterCreated = position.at();
      } catch (RuntimeException e) {
        problems.put("after", "That page position is not valid; showing the newest runs.");
      }
    }
    List<Run> found = runs.page(caller, filter, afterCreated, afterId, PAGE + 1);
    if (found.size() > PAGE) {
      Run last = found.get(PAGE - 1);
      nextAfter = new Cursor(last.getCreatedAt(), last.getId().toString()).encode();
      found = found.subList(0, PAGE);
    }
    page = new ArrayList<>(found);
  }

  private boolean runExists(UUID id) {
    try {
      runs.get(caller, id);
      return true;
    } catch (io.antpath.access.entity.NotFoundException e) {
      return false;
    }
  }

  private Runs.Filter filter() {
    RunStatus s = null;
    if (status != null) {
      try {
        s = RunStatus.valueOf(status.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.put("status", "Pick a status from the list.");
      }
    }
    Instant created = day("from", from, 0);
    Instant before = day("to", to, 1);
    String key = null;
    String value = null;
    if (meta != null) {
      int eq = meta.indexOf('=');
      key = eq < 0 ? meta.trim() : meta.substring(0, eq).trim();
      value = eq < 0 ? "" : meta.substring(eq + 1).trim();
      if (!RunRequest.isMetadataKey(key)) {
        problems.put("meta", "Write key=value; the key has 1-64 of A-Z a-z 0-9 . _ -");
      }
    }
    return new Runs.Filter(s, created, before, key, value);
  }

  private Instant day(String field, String text, int plusDays) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text).plusDays(plusDays).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      problems.put(field, "A date such as 2026-12-01.");
      return null;
    }
  }

  private static UUID uuid(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  public List<Run> getRuns() {
    return page;
  }

  /**
   * True while a run on this page is still queued, starting or running (the page refreshes itself).
   */
  public boolean isLive() {
    return page.stream().anyMatch(r -> !r.getStatus().isTerminal());
  }

  public boolean isFiltered() {
    return status != null || from != null || to != null || meta != null || after != null;
  }

  public boolean isCanSubmit() {
    return AccessPolicy.permits(caller, Action.RUNS_WRITE);
  }

  /** The address of the next page with the same filters, or null on the last page. */
  public String getNextAddress() {
    if (nextAfter == null) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("status", status);
    params.put("from", from);
    params.put("to", to);
    params.put("meta", meta);
    params.put("after", nextAfter);
    return Ui.runsAddress(slug)
        + "?"
        + params.entrySet().stream()
            .filter(e -> e.getValue() != null)
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  public String problem(String field) {
    return problems.get(field);
  }

  public Map<String, String> getProblems() {
    return problems;
  }

  public List<String> getStatuses() {
    return java.util.Arrays.stream(RunStatus.values())
        .map(v -> v.name().toLowerCase(Locale.ROOT))
        .toList();
  }

  public String getSlug() {
    return slug;
  }

  public String getStatus() {
    return status;
  }

  public String getFrom() {
    return from;
  }

  public String getTo() {
    return to;
  }

  public String getMeta() {
    return meta;
  }

  public String getQ() {
    return q;
  }
}
