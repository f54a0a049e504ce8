package io.antpath.capture.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Output storage in a local folder: {@code <root>/<workspace>/<run>/<output>}. Writes go to a
 * temporary file beside the target, are forced to disk and then moved into place atomically.
 */
public final class FilesystemStorage implements OutputStorage {
  private static final int BUFFER = 64 * 1024;
  private final Path root;

  public FilesystemStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  private Path path(String key) {
    Path p = root.resolve(OutputStorage.checked(key)).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new IllegalArgumentException("not an output storage key");
    }
    return p;
  }

  @Override
  public Stored write(String key, InputStream in, long maxBytes) throws IOException {
    Path target = path(key);
    Files.createDirectories(target.getParent());
    Path part = target.resolveSibling(target.getFileName() + ".part-" + UUID.randomUUID());
    MessageDigest sha = sha256();
    long total = 0;
    try {
      try (FileChannel ch =
              FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(ch)) {
        byte[] buf = new byte[BUFFER];
        for (int n; (n = in.read(buf)) > 0; ) {
          total += n;
          if (total > maxBytes) {
            throw new TooLargeException(maxBytes);
          }
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
        }
        out.flush();
        ch.force(true);
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new Stored(total, sha.digest());
    } finally {
      Files.deleteIfExists(part);
    }
  }

  @Override
  public InputStream read(String key, long offset) throws IOException {
    FileChannel ch = FileChannel.open(path(key), StandardOpenOption.READ);
    ch.position(offset);
    return Channels.newInputStream(ch);
  }

  @Override
  public long size(String key) throws IOException {
    return Files.size(path(key));
  }

  @Override
  public void delete(String key) throws IOException {
    Path p = path(key);
    Files.deleteIfExists(p);
    // Leave no empty run folder behind (the workspace folder may be shared and stays).
    try {
      Files.deleteIfExists(p.getParent());
    } catch (java.nio.file.DirectoryNotEmptyException | NoSuchFileException ignored) {
      // other outputs of the run are still there
    }
  }

  @Override
  public void deleteWorkspace(UUID workspaceId) throws IOException {
    Path dir = root.resolve(workspaceId.toString());
    if (!Files.isDirectory(dir)) {
      return;
    }
    // Only empty run folders (and stray partial files of dead writes) can be left.
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
