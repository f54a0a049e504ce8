package io.antpath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Payara resolves a {@code @PostConstruct}/{@code @PreDestroy} method by name: when the class has
 * another method of that name it may call the wrong one ("wrong number of arguments") and the
 * deployment fails, depending on reflection order. It also refuses callbacks that declare checked
 * exceptions. Both broke start-up once; this keeps them out.
 */
class LifecycleCallbacksTest {
  private static final Path CLASSES = Path.of("target", "classes");

  @Test
  void lifecycleCallbacks_areNotOverloaded_andThrowNoCheckedExceptions() throws IOException {
    List<String> problems = new ArrayList<>();
    int callbacks = 0;
    try (Stream<Path> files = Files.walk(CLASSES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name =
            CLASSES.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.endsWith("package-info")) {
          continue;
        }
        Class<?> c;
        try {
          c = Class.forName(name, false, getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        Method[] methods;
        try {
          methods = c.getDeclaredMethods();
        } catch (LinkageError e) {
          continue;
        }
        for (Method m : methods) {
          if (!m.isAnnotationPresent(PostConstruct.class)
              && !m.isAnnotationPresent(PreDestroy.class)) {
            continue;
          }
          callbacks++;
          long sameName =
              Stream.of(methods)
                  .filter(o -> o.getName().equals(m.getName()) && !o.isSynthetic())
                  .count();
          if (sameName > 1) {
            problems.add(c.getName() + "." + m.getName() + " is overloaded");
          }
          for (Class<?> e : m.getExceptionTypes()) {
            if (!RuntimeException.class.isAssignableFrom(e) && !Error.class.isAssignableFrom(e)) {
              problems.add(c.getName() + "." + m.getName() + " declares " + e.getSimpleName());
            }
          }
          if (Modifier.isStatic(m.getModifiers())) {
            problems.add(c.getName() + "." + m.getName() + " is static");
          }
        }
      }
    }
    assertThat(callbacks).as("callbacks found").isGreaterThanOrEqualTo(4);
    assertThat(problems).isEmpty();
  }
}
