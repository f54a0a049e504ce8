package io.antpath.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Facts about the schema the build ships, read from {@code src/main/flyway} of the repository. */
public final class Schema {
  private static final Pattern VERSIONED = Pattern.compile("^V(\\d+)__.+\\.sql$");

  private Schema() {}

  /** The repository's migration folder (tests run with a module folder as working directory). */
  public static Path migrations() {
    return Path.of(System.getProperty("antpath.repo.dir", ".."), "src", "main", "flyway");
  }

  /** The newest migration version, as Flyway prints it (e.g. {@code 002}). */
  public static String latestVersion() {
    try (Stream<Path> files = Files.list(migrations())) {
      return files
          .map(p -> VERSIONED.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> m.group(1))
          .max(Comparator.comparingInt(Integer::parseInt))
          .orElseThrow(() -> new IllegalStateException("no migrations in " + migrations()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
