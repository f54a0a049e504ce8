package io.antpath.testdata;

import io.antpath.identity.entity.AppUser;
import io.antpath.run.entity.Attribution;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunCaps;
import io.antpath.workspace.entity.Workspace;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Test data builders for entities (valid by default, one knob per test need). */
public final class Entities {
  /** Microsecond precision: what PostgreSQL keeps, so round-tripped instants compare equal. */
  public static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

  private Entities() {}

  public static AppUser aUser() {
    return new AppUser("user-" + UUID.randomUUID() + "@example.com", "A User", NOW);
  }

  public static Workspace aWorkspace(AppUser owner) {
    return new Workspace(
        "ws-" + UUID.randomUUID().toString().substring(0, 8), "Workspace", owner.getId(), NOW);
  }

  public static RunCaps standardCaps() {
    return new RunCaps("standard", 2, 1L << 30, 1L << 31, 3600);
  }

  public static Run aRun(Workspace ws, AppUser by) {
    return new Run(
        ws.getId(),
        Attribution.user(by.getId()),
        "key-" + UUID.randomUUID(),
        sha256("request"),
        "{\"agent\":{\"model\":\"claude-sonnet-4-5\"}}",
        "{\"team\":\"blue\"}",
        600,
        standardCaps(),
        false,
        NOW);
  }

  /** A run with the given metadata, submitted at {@code at}. */
  public static Run aRun(Workspace ws, AppUser by, String metadataJson, Instant at) {
    return new Run(
        ws.getId(),
        Attribution.user(by.getId()),
        "key-" + UUID.randomUUID(),
        sha256("request"),
        "{\"agent\":{\"model\":\"claude-sonnet-4-5\"}}",
        metadataJson,
        600,
        standardCaps(),
        false,
        at);
  }

  public static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
