package io.antpath.worker.control;

import io.antpath.platform.db.Columns;
import io.antpath.platform.db.Jdbc;
import io.antpath.provider.control.ClaudeApi;
import io.antpath.run.control.LeaseLost;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Incremental ingestion of a session's events: each poll reads from the page that holds the newest
 * stored event ({@code runs.events_page}, skipping the {@code events_seen} already stored), so
 * provider calls and rows grow linearly with the session's events, not with their square. The new
 * events (redacted by {@link EventRedactor}), their usage and the advanced cursor are written in
 * one transaction whose cursor update is lease-guarded: a stale owner writes nothing. Events are
 * unique per run and provider id, so a repeated read after a crash stores nothing twice.
 */
final class EventIngest {
  /** Events per listing page. */
  static final int PAGE_SIZE = 500;

  /** Pages read in one step at most (a long backlog is read over several steps). */
  static final int MAX_PAGES_PER_STEP = 20;

  private final DataSource ds;
  private final ClaudeApi api;
  private final String workerId;

  EventIngest(DataSource ds, ClaudeApi api, String workerId) {
    this.ds = ds;
    this.api = api;
    this.workerId = workerId;
  }

  /** Where the run's cursor stands, and who the events are attributed to. */
  record Cursor(
      UUID runId,
      UUID workspaceId,
      UUID attemptId,
      UUID userId,
      UUID tokenId,
      String model,
      String page,
      int seen) {}

  /** Reads and stores the session's new events; returns how many were new. */
  int ingest(Cursor at, String key, String sessionId) throws SQLException {
    String page = at.page();
    int seen = at.seen();
    List<JsonObject> fresh = new ArrayList<>();
    for (int pages = 0; pages < MAX_PAGES_PER_STEP; pages++) {
      ClaudeApi.EventPage p = api.eventPage(key, sessionId, page, PAGE_SIZE);
      List<JsonObject> events = p.events();
      // A page shorter than what was seen of it (the provider re-paged): store it all again, the
      // unique (run, event id) keeps each event once.
      fresh.addAll(events.subList(seen <= events.size() ? seen : 0, events.size()));
      if (p.nextPage() != null && !events.isEmpty()) {
        page = p.nextPage();
        seen = 0;
      } else {
        seen = events.size();
        break;
      }
    }
    String newPage = page;
    int newSeen = seen;
    if (fresh.isEmpty() && newSeen == at.seen() && java.util.Objects.equals(newPage, at.page())) {
      return 0;
    }
    Jdbc.transaction(
        ds,
        c -> {
          store(c, at, fresh);
          int n =
              Jdbc.update(
                  c,
                  "update runs set events_page = ?, events_seen = ?"
                      + " where id = ? and lease_owner = ? and lease_expires_at > now()",
                  newPage,
                  newSeen,
                  at.runId(),
                  workerId);
          if (n == 0) {
            throw new LeaseLost();
          }
          return null;
        });
    return fresh.size();
  }

  private static void store(Connection c, Cursor at, List<JsonObject> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    try (PreparedStatement ev =
            c.prepareStatement(
                "insert into run_events (run_id, workspace_id, run_attempt_id, provider_event_id, type, occurred_at, data)"
                    + " values (?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (run_id, provider_event_id) do nothing");
        PreparedStatement us =
            c.prepareStatement(
                "insert into usage_ledger (workspace_id, run_id, run_attempt_id, user_id, token_id, source_event_id, model,"
                    + " input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict (run_id, source_event_id) where run_id is not null do nothing")) {
      for (JsonObject e : events) {
        String id = e.getString("id", null);
        if (id == null) {
          continue;
        }
        id = Columns.truncate(id, 255);
        ev.setObject(1, at.runId());
        ev.setObject(2, at.workspaceId());
        ev.setObject(3, at.attemptId());
        ev.setString(4, id);
        ev.setString(5, Columns.truncate(e.getString("type", "unknown"), 100));
        ev.setTimestamp(6, time(e.getString("processed_at", null)));
        ev.setString(7, EventRedactor.redact(e).toString());
        ev.addBatch();
        long[] u = EventRedactor.usage(e);
        if (u != null) {
          us.setObject(1, at.workspaceId());
          us.setObject(2, at.runId());
          us.setObject(3, at.attemptId());
          us.setObject(4, at.userId());
          us.setObject(5, at.tokenId());
          us.setString(6, id);
          us.setString(7, at.model());
          for (int i = 0; i < 4; i++) {
            us.setLong(8 + i, u[i]);
          }
          us.addBatch();
        }
      }
      ev.executeBatch();
      us.executeBatch();
    }
  }

  /** The session's turn as the stored events tell it: the stop reason of its last idle, if any. */
  record Turn(boolean idle, String stopReason, String lastError) {}

  /**
   * The state of the session's current turn from its stored events: idle with a stop reason when
   * its last turn-marking event is a {@code session.status_idle}; running otherwise.
   */
  Turn turn(UUID runId) throws SQLException {
    String[] last =
        Jdbc.first(
                ds,
                "select type, data->>'stopReason' from run_events where run_id = ?"
                    + " and type in ('session.status_idle', 'session.status_running', 'user.message')"
                    + " order by id desc limit 1",
                rs -> new String[] {rs.getString(1), rs.getString(2)},
                runId)
            .orElse(new String[] {null, null});
    String error =
        Jdbc.first(
                ds,
                "select data->>'errorType' from run_events where run_id = ? and type = 'session.error'"
                    + " order by id desc limit 1",
                rs -> rs.getString(1),
                runId)
            .orElse(null);
    boolean idle = "session.status_idle".equals(last[0]);
    return new Turn(idle, idle ? last[1] : null, error);
  }

  private static Timestamp time(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return Timestamp.from(OffsetDateTime.parse(iso).toInstant());
    } catch (RuntimeException e) {
      return null;
    }
  }
}
