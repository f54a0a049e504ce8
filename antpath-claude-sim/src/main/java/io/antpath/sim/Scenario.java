package io.antpath.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a simulated session does, chosen by the session's {@code metadata}: {@code sim.scenario}
 * (one of the names below, default {@code success}), {@code sim.files} ({@code name:bytes,...}, the
 * output files a successful session writes; default one small {@code hello.txt}) and {@code
 * sim.step-ms} (the pause between scripted events, default 100).
 */
enum Scenario {
  /** Runs a short turn, writes its files and ends idle with {@code end_turn}. */
  SUCCESS,
  /** The turn dies: a {@code session.error}, then idle with {@code retries_exhausted}. */
  FAIL,
  /** Keeps running until interrupted, archived or deleted. */
  SLOW,
  /** The API key stops working once the turn has started (401 on every later call). */
  REVOKE_KEY,
  /** The first calls about the session answer 429 with {@code retry-after: 1}, then as SUCCESS. */
  RATE_LIMIT,
  /** The first calls about the session answer 500 and 529, then as SUCCESS. */
  SERVER_ERRORS,
  /** The first calls about the session lose their connection without an answer, then as SUCCESS. */
  DROP_CONNECTIONS,
  /** As SUCCESS, but the session's file listing answers malformed JSON. */
  MALFORMED_LISTING;

  /** How many calls about the session misbehave before it behaves (scenarios that misbehave). */
  static final int DISTURBED_CALLS = 3;

  static Scenario of(Map<String, String> metadata) {
    String name = metadata.getOrDefault("sim.scenario", "success");
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "metadata sim.scenario: unknown scenario '"
              + name
              + "' (success, fail, slow, revoke-key, rate-limit, server-errors, drop-connections,"
              + " malformed-listing)");
    }
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** An output file the session writes. */
  record OutputFile(String name, long sizeBytes) {}

  static List<OutputFile> files(Map<String, String> metadata) {
    String spec = metadata.get("sim.files");
    if (spec == null) {
      return List.of(new OutputFile("hello.txt", SimFiles.HELLO.length));
    }
    List<OutputFile> files = new ArrayList<>();
    if (spec.isBlank()) {
      return files;
    }
    for (String part : spec.split(",")) {
      int colon = part.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "metadata sim.files: expected name:bytes, got '" + part + "'");
      }
      try {
        long size = Long.parseLong(part.substring(colon + 1).trim());
        if (size < 0) {
          throw new NumberFormatException();
        }
        files.add(new OutputFile(part.substring(0, colon), size));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("metadata sim.files: bad size in '" + part + "'");
      }
    }
    return files;
  }

  /** {@code sim.file-size-lie}: the listing announces each file this many bytes smaller. */
  static long sizeLie(Map<String, String> metadata) {
    try {
      return Math.max(0, Long.parseLong(metadata.getOrDefault("sim.file-size-lie", "0")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("metadata sim.file-size-lie: a number of bytes");
    }
  }

  static long stepMillis(Map<String, String> metadata) {
    try {
      return Math.max(0, Long.parseLong(metadata.getOrDefault("sim.step-ms", "100")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("metadata sim.step-ms: a number of milliseconds");
    }
  }

  /**
   * {@code sim.events}: extra agent messages in a successful turn (a long session), at most 10^6.
   */
  static int extraEvents(Map<String, String> metadata) {
    try {
      int n = Integer.parseInt(metadata.getOrDefault("sim.events", "0"));
      if (n < 0 || n > 1_000_000) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("metadata sim.events: a number of events, 0 to 1000000");
    }
  }
}
