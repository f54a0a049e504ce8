package io.antpath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the feature packages of antpath-ejb free of dependency cycles, and {@code platform} free of
 * any feature. The graph is read from the sources: feature {@code a} depends on {@code b} when a
 * file under {@code io/antpath/a} names {@code io.antpath.b.} (import or fully qualified). Where a
 * lower feature needs something of a higher one, the lower one owns an interface and the higher one
 * implements it (e.g. {@code workspace.control.WorkspaceRuns}, implemented by the run feature).
 */
class FeatureDependenciesTest {
  private static final Path SOURCES = Path.of("src", "main", "java", "io", "antpath");
  private static final Pattern NAMED = Pattern.compile("\\bio\\.antpath\\.(\\w+)\\.");

  @Test
  void noCycleBetweenFeatures() {
    Map<String, Set<String>> graph = graph();
    assertThat(cycles(graph)).as("feature cycles (dependencies: %s)", graph).isEmpty();
  }

  @Test
  void platformDependsOnNoFeature() {
    assertThat(graph().getOrDefault("platform", Set.of()))
        .as("features that platform names")
        .isEmpty();
  }

  @Test
  void cyclesAreFound() {
    // The detector itself: a two-feature loop and a longer one are reported, a chain is not.
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", Set.of("b"));
    graph.put("b", Set.of("a", "c"));
    graph.put("c", Set.of("d"));
    graph.put("d", Set.of("e"));
    graph.put("e", Set.of("c"));
    graph.put("f", Set.of("a"));
    assertThat(cycles(graph)).containsExactlyInAnyOrder("[a, b]", "[c, d, e]");
  }

  @Test
  void theTopFeaturesAreUsedByNoneAndTheProviderSitsAtTheBottom() {
    // The engine, the dashboard's read side and the demo seed compose the others.
    Map<String, Set<String>> graph = graph();
    graph.forEach(
        (feature, uses) ->
            assertThat(uses).as(feature + " uses").doesNotContain("worker", "console", "demo"));
    assertThat(graph.get("provider")).isEqualTo(Set.of("platform"));
  }

  static Map<String, Set<String>> graph() {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .forEach(
              p -> {
                String feature = SOURCES.relativize(p).getName(0).toString();
                if (feature.endsWith(".java")) {
                  return;
                }
                Set<String> uses = graph.computeIfAbsent(feature, f -> new TreeSet<>());
                Matcher m = NAMED.matcher(read(p).replaceFirst("(?m)^package .*$", ""));
                while (m.find()) {
                  if (!m.group(1).equals(feature)) {
                    uses.add(m.group(1));
                  }
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tarjan's strongly connected components with more than one feature, each sorted. */
  static List<String> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<String> out = new ArrayList<>();
    int[] next = {0};
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, onStack, out, next);
      }
    }
    return out;
  }

  private static void connect(
      String v,
      Map<String, Set<String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<String> out,
      int[] next) {
    index.put(v, next[0]);
    low.put(v, next[0]++);
    stack.push(v);
    onStack.add(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, onStack, out, next);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        out.add(component.toString());
      }
    }
  }
}
