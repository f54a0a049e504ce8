package io.antpath.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Content of simulated output files: generated on the fly, so any size streams in constant memory.
 */
final class SimFiles {
  static final byte[] HELLO =
      "Hello from the Claude Managed Agents simulator.\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PATTERN =
      "antpath simulator output 0123456789 abcdefghijklmnopqrstuvwxyz\n"
          .getBytes(StandardCharsets.US_ASCII);

  private SimFiles() {}

  /** Writes {@code size} bytes of the file's content. */
  static void write(String name, long size, OutputStream out) throws IOException {
    if (name.equals("hello.txt") && size == HELLO.length) {
      out.write(HELLO);
      return;
    }
    byte[] chunk = new byte[64 * 1024];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = PATTERN[i % PATTERN.length];
    }
    // 64 KiB is a multiple of nothing in particular: keep the pattern continuous across chunks.
    long written = 0;
    while (written < size) {
      int offset = (int) (written % PATTERN.length);
      int n = (int) Math.min(chunk.length - PATTERN.length, size - written);
      out.write(chunk, offset, n);
      written += n;
    }
  }

  /** The byte at {@code position} of a generated (non-hello) file; tests compare with it. */
  static byte at(long position) {
    return PATTERN[(int) (position % PATTERN.length)];
  }

  static String mimeType(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".txt") || lower.endsWith(".md")) {
      return "text/plain";
    }
    if (lower.endsWith(".json")) {
      return "application/json";
    }
    if (lower.endsWith(".csv")) {
      return "text/csv";
    }
    return "application/octet-stream";
  }
}
