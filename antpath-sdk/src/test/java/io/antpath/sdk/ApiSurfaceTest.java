package io.antpath.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the SDK's public API: every public type and its public and protected members, as reflection
 * sees them, must equal {@code api-surface.txt}. A change to the API is then a deliberate diff of
 * that file: rewrite it with {@code -Dantpath.api.update=true} and review it.
 */
class ApiSurfaceTest {
  private static final Path PINNED = Path.of("src/test/resources/io/antpath/sdk/api-surface.txt");

  @Test
  void thePublicApi_isExactlyThePinnedOne() throws Exception {
    String actual = String.join("\n", surface()) + "\n";
    if (Boolean.getBoolean("antpath.api.update")) {
      Files.writeString(PINNED, actual);
    }
    assertThat(actual)
        .as("public API changed: rerun with -Dantpath.api.update=true and review the diff")
        .isEqualTo(Files.readString(PINNED));
  }

  @Test
  void internalsHaveNoPublicConstructors() {
    for (Class<?> c : List.of(io.antpath.sdk.run.RunsService.class, Page.class)) {
      assertThat(c.getConstructors()).as(c.getName()).isEmpty();
    }
  }

  static List<String> surface() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root =
        Path.of(AntpathClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> lines = new ArrayList<>();
    List<Path> classFiles;
    try (Stream<Path> files = Files.walk(root.resolve("io/antpath/sdk"))) {
      classFiles = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
    for (Path file : classFiles) {
      String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
      if (name.startsWith("io.antpath.sdk.internal.") || name.endsWith("package-info")) {
        continue;
      }
      Class<?> c = Class.forName(name, false, AntpathClient.class.getClassLoader());
      if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic() || !exported(c)) {
        continue;
      }
      String type = c.toGenericString();
      lines.add(type + supertypes(c));
      Arrays.stream(c.getDeclaredConstructors())
          .filter(m -> visible(m.getModifiers()))
          .forEach(m -> lines.add(type + " :: " + m.toGenericString()));
      Arrays.stream(c.getDeclaredMethods())
          .filter(m -> visible(m.getModifiers()) && !m.isSynthetic())
          .forEach(m -> lines.add(type + " :: " + m.toGenericString()));
      Arrays.stream(c.getDeclaredFields())
          .filter(f -> visible(f.getModifiers()) && !f.isSynthetic())
          .forEach(f -> lines.add(type + " :: " + f.toGenericString()));
    }
    return lines.stream().sorted().toList();
  }

  private static String supertypes(Class<?> c) {
    StringBuilder s = new StringBuilder();
    if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class) {
      s.append(" extends ").append(c.getGenericSuperclass().getTypeName());
    }
    if (c.getGenericInterfaces().length > 0) {
      s.append(" implements ")
          .append(
              String.join(
                  ", ",
                  Arrays.stream(c.getGenericInterfaces()).map(t -> t.getTypeName()).toList()));
    }
    return s.toString();
  }

  /** Public, and nested only in public types. */
  private static boolean exported(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }
}
