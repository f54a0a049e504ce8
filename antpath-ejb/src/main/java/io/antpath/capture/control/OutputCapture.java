package io.antpath.capture.control;

import io.antpath.audit.control.AuditRows;
import io.antpath.audit.entity.AuditEntry;
import io.antpath.capture.entity.CaptureFailureReason;
import io.antpath.platform.db.Columns;
import io.antpath.platform.db.Jdbc;
import io.antpath.provider.control.ClaudeApi;
import io.antpath.provider.control.ProviderException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Captures every output file of a run's session into private storage: lists the session's files
 * (all pages), and for each one reserves its announced size against the workspace's storage cap
 * (the run's frozen cap), streams it into storage under the worker's safety cap, and records an
 * {@code output_objects} row (with an audit entry) or an {@code output_capture_failures} row.
 *
 * <p>Used bytes stay exact under concurrency: a reservation is a conditional update of the
 * workspace's counter ({@code used + size <= cap}) in the same transaction as its {@code
 * storage_reservations} row, so two captures cannot both take the last free bytes; the reservation
 * ends in the same transaction as the object row or the release of the bytes.
 *
 * <p>Idempotent: files already captured or recorded as failed are skipped, and reservations left by
 * a capture that died are released when the run's capture starts again.
 */
public final class OutputCapture {
  /** Looked up once: {@code Json.create*} searches the class path for a provider on every call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  private static final Logger LOG = Logger.getLogger(OutputCapture.class.getName());

  /** The run whose outputs are captured, with its frozen caps and attribution. */
  public record Target(
      UUID runId,
      UUID workspaceId,
      UUID userId,
      UUID tokenId,
      long storageCapBytes,
      long safetyCapBytes) {}

  /** How many files were stored and how many recorded as failures in this call. */
  public record Result(int captured, int failed) {}

  /** Waits between listings of a still empty scope (the provider indexes outputs with a lag). */
  public record Settings(int emptyListingRetries, Duration emptyListingPause) {}

  private final DataSource ds;
  private final ClaudeApi api;
  private final OutputStorage storage;
  private final Settings settings;

  public OutputCapture(DataSource ds, ClaudeApi api, OutputStorage storage, Settings settings) {
    this.ds = ds;
    this.api = api;
    this.storage = storage;
    this.settings = settings;
  }

  public Result capture(Target t, String key, String sessionId) throws SQLException {
    releaseStaleReservations(t);
    List<JsonObject> files;
    try {
      files = list(key, sessionId);
    } catch (ProviderException e) {
      fail(t, null, null, null, CaptureFailureReason.LISTING_FAILED, e.getMessage(), false);
      return new Result(0, 1);
    }
    int captured = 0;
    int failed = 0;
    for (JsonObject file : files) {
      String fileId = file.getString("id", null);
      if (fileId == null || known(t.runId(), fileId)) {
        continue;
      }
      if (captureOne(t, key, file, fileId)) {
        captured++;
      } else {
        failed++;
      }
    }
    return new Result(captured, failed);
  }

  private List<JsonObject> list(String key, String sessionId) {
    List<JsonObject> files = api.sessionFiles(key, sessionId);
    for (int i = 0; files.isEmpty() && i < settings.emptyListingRetries(); i++) {
      try {
        Thread.sleep(settings.emptyListingPause().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      files = api.sessionFiles(key, sessionId);
    }
    return files;
  }

  /** Captures one file; true when stored, false when recorded as a failure. */
  private boolean captureOne(OutputCapture.Target t, String key, JsonObject file, String fileId)
      throws SQLException {
    String name = OutputNames.safe(file.getString("filename", null));
    Long size =
        file.get("size_bytes") instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0
            ? n.longValue()
            : null;
    if (size == null) {
      return fail(
          t,
          fileId,
          name,
          null,
          CaptureFailureReason.DOWNLOAD_FAILED,
          "the provider gave no size",
          false);
    }
    if (size > t.safetyCapBytes()) {
      return fail(
          t,
          fileId,
          name,
          size,
          CaptureFailureReason.DOWNLOAD_FAILED,
          "larger than the worker's safety cap of " + t.safetyCapBytes() + " bytes",
          false);
    }
    if (!reserve(t, fileId, size)) {
      return fail(
          t,
          fileId,
          name,
          size,
          CaptureFailureReason.WORKSPACE_QUOTA_EXCEEDED,
          "the workspace's storage cap of " + t.storageCapBytes() + " bytes would be exceeded",
          false);
    }
    UUID outputId = UUID.randomUUID();
    String storageKey = OutputStorage.key(t.workspaceId(), t.runId(), outputId);
    OutputStorage.Stored stored;
    try (InputStream in = api.download(key, fileId)) {
      stored = storage.write(storageKey, in, size);
    } catch (ProviderException e) {
      return fail(
          t, fileId, name, size, CaptureFailureReason.DOWNLOAD_FAILED, e.getMessage(), true);
    } catch (OutputStorage.TooLargeException e) {
      return fail(
          t,
          fileId,
          name,
          size,
          CaptureFailureReason.DOWNLOAD_FAILED,
          "the download was longer than the announced " + size + " bytes; nothing was kept",
          true);
    } catch (IOException e) {
      LOG.log(Level.FINE, "capture of " + fileId + " failed", e);
      boolean network = !(e instanceof java.nio.file.FileSystemException);
      return fail(
          t,
          fileId,
          name,
          size,
          network ? CaptureFailureReason.DOWNLOAD_FAILED : CaptureFailureReason.STORAGE_FAILED,
          (network ? "the download broke off" : "storage refused the file")
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          true);
    }
    if (stored.sizeBytes() != size) {
      deleteQuietly(storageKey);
      return fail(
          t,
          fileId,
          name,
          size,
          CaptureFailureReason.DOWNLOAD_FAILED,
          "the download ended after "
              + stored.sizeBytes()
              + " of the announced "
              + size
              + " bytes; nothing was kept",
          true);
    }
    try {
      record(t, fileId, name, outputId, storageKey, stored, size);
      return true;
    } catch (SQLException e) {
      deleteQuietly(storageKey);
      throw e;
    }
  }

  private boolean known(UUID runId, String fileId) throws SQLException {
    return Jdbc.first(
            ds,
            "select 1 from output_objects where run_id = ? and provider_file_id = ?"
                + " union all select 1 from output_capture_failures where run_id = ? and provider_file_id = ?",
            rs -> true,
            runId,
            fileId,
            runId,
            fileId)
        .isPresent();
  }

  /** Takes {@code size} bytes of the workspace's cap, or answers false when they do not fit. */
  private boolean reserve(Target t, String fileId, long size) throws SQLException {
    return Jdbc.transaction(
        ds,
        c -> {
          if (Jdbc.update(
                  c,
                  "update workspaces set storage_used_bytes = storage_used_bytes + ?"
                      + " where id = ? and storage_used_bytes + ? <= ?",
                  size,
                  t.workspaceId(),
                  size,
                  t.storageCapBytes())
              == 0) {
            return false;
          }
          Jdbc.update(
              c,
              "insert into storage_reservations (run_id, workspace_id, provider_file_id, bytes) values (?, ?, ?, ?)",
              t.runId(),
              t.workspaceId(),
              fileId,
              size);
          return true;
        });
  }

  /** Ends the reservation by turning it into the output's row (and an audit entry). */
  private void record(
      Target t,
      String fileId,
      String name,
      UUID outputId,
      String storageKey,
      OutputStorage.Stored stored,
      long reserved)
      throws SQLException {
    String detail =
        JSON.createObjectBuilder()
            .add("runId", t.runId().toString())
            .add("sizeBytes", stored.sizeBytes())
            .build()
            .toString();
    Jdbc.transaction(
        ds,
        c -> {
          endReservation(c, t, fileId, reserved - stored.sizeBytes());
          Jdbc.update(
              c,
              "insert into output_objects (id, run_id, workspace_id, provider_file_id, filename, storage_key,"
                  + " size_bytes, sha256, content_type, created_by_user_id, created_by_token_id)"
                  + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              outputId,
              t.runId(),
              t.workspaceId(),
              fileId,
              name,
              storageKey,
              stored.sizeBytes(),
              stored.sha256(),
              OutputNames.contentType(name),
              t.userId(),
              t.tokenId());
          AuditRows.success(
              c,
              t.workspaceId(),
              new AuditEntry.Actor(t.userId(), t.tokenId(), null, null),
              "output.captured",
              "output",
              outputId.toString(),
              detail);
          return null;
        });
  }

  /**
   * Records a failure; when {@code reserved} the file's reservation ends and its bytes go back to
   * the workspace in the same transaction. Always false (for "not stored").
   */
  private boolean fail(
      Target t,
      String fileId,
      String name,
      Long size,
      CaptureFailureReason reason,
      String detail,
      boolean reserved)
      throws SQLException {
    return Jdbc.transaction(
        ds,
        c -> {
          if (reserved) {
            endReservation(c, t, fileId, size);
          }
          Jdbc.update(
              c,
              "insert into output_capture_failures (id, run_id, workspace_id, provider_file_id, filename, size_bytes, reason, detail)"
                  + " values (?, ?, ?, ?, ?, ?, ?, ?)",
              UUID.randomUUID(),
              t.runId(),
              t.workspaceId(),
              fileId,
              name,
              size,
              reason.wire(),
              Columns.truncate(detail, 2000));
          return false;
        });
  }

  /** Deletes the reservation and gives {@code giveBack} bytes back to the workspace. */
  private static void endReservation(Connection c, Target t, String fileId, long giveBack)
      throws SQLException {
    Jdbc.update(
        c,
        "delete from storage_reservations where run_id = ? and provider_file_id = ?",
        t.runId(),
        fileId);
    if (giveBack != 0) {
      Jdbc.update(
          c,
          "update workspaces set storage_used_bytes = storage_used_bytes - ? where id = ?",
          giveBack,
          t.workspaceId());
    }
  }

  /** Reservations of this run are stale when its capture starts: a capture before it died. */
  private void releaseStaleReservations(Target t) throws SQLException {
    Jdbc.update(
        ds,
        "with gone as (delete from storage_reservations where run_id = ? returning bytes)"
            + " update workspaces set storage_used_bytes = storage_used_bytes - (select coalesce(sum(bytes), 0) from gone)"
            + " where id = ?",
        t.runId(),
        t.workspaceId());
  }

  private void deleteQuietly(String storageKey) {
    try {
      storage.delete(storageKey);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not delete a partial output " + storageKey, e);
    }
  }
}
