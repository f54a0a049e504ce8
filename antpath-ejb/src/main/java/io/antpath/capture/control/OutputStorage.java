package io.antpath.capture.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Private storage of captured output files. Keys are built by antpath from ids only ({@link #key});
 * a file name from the provider never becomes part of a storage path.
 */
public interface OutputStorage {
  /** What was stored. */
  record Stored(long sizeBytes, byte[] sha256) {}

  /** More bytes arrived than allowed; nothing was kept. */
  final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public TooLargeException(long limit) {
      super("more than " + limit + " bytes");
    }
  }

  Pattern KEY =
      Pattern.compile(
          "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}){2}");

  /** The storage key of an output: workspace/run/output ids. */
  static String key(UUID workspaceId, UUID runId, UUID outputId) {
    return workspaceId + "/" + runId + "/" + outputId;
  }

  /** Checks that a key is one {@link #key} built (so it cannot point anywhere else). */
  static String checked(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not an output storage key");
    }
    return key;
  }

  /**
   * Streams {@code in} into a new object at {@code key} with constant memory, computing its size
   * and SHA-256. The object appears only when complete; on any failure, including more than {@code
   * maxBytes} arriving ({@link TooLargeException}), nothing is left behind.
   */
  Stored write(String key, InputStream in, long maxBytes) throws IOException;

  /** The object's bytes from {@code offset} on. */
  InputStream read(String key, long offset) throws IOException;

  /** The object's size; {@link java.nio.file.NoSuchFileException} when it does not exist. */
  long size(String key) throws IOException;

  /** Deletes the object; deleting an absent object is not an error. */
  void delete(String key) throws IOException;

  /** Removes what is left of a deleted workspace's storage (its objects are gone already). */
  void deleteWorkspace(UUID workspaceId) throws IOException;

  /**
   * A URL the storage itself serves the object at for {@code ttl} (a presigned URL), with these
   * response headers; empty when antpath serves downloads itself (signed antpath links).
   */
  default Optional<URI> presign(
      String key, String filename, String contentType, String disposition, Duration ttl) {
    return Optional.empty();
  }
}
