package io.antpath.platform.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small in-process metrics registry with Prometheus text exposition: counters and histograms
 * (fixed buckets, in seconds) keyed by name and a label string. Lock-free on the recording side
 * ({@link LongAdder}), so the worker's hot path pays a few adds per step. Gauges that come from the
 * database are rendered by their owners next to these.
 */
public final class Metrics {
  /** Buckets of latency histograms, in seconds: 1 ms to 2 min. */
  private static final double[] BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120
  };

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
  private final Map<String, String> help = new ConcurrentHashMap<>();

  /** Adds one to counter {@code name} with {@code labels} ({@code k="v",...}, may be empty). */
  public void count(String name, String description, String labels) {
    help.putIfAbsent(name, description);
    counters.computeIfAbsent(name + "{" + labels + "}", k -> new Counter()).n.increment();
  }

  /** Records {@code seconds} in histogram {@code name} with {@code labels}. */
  public void observe(String name, String description, String labels, double seconds) {
    help.putIfAbsent(name, description);
    histograms.computeIfAbsent(name + "{" + labels + "}", k -> new Histogram()).add(seconds);
  }

  /** Label value escaped for the exposition format. */
  public static String label(String key, String value) {
    return key
        + "=\""
        + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ")
        + "\"";
  }

  /** The registry in Prometheus text format (version 0.0.4). */
  public void render(StringBuilder out) {
    Map<String, StringBuilder> byName = new TreeMap<>();
    new TreeMap<>(counters)
        .forEach(
            (key, c) -> {
              String name = key.substring(0, key.indexOf('{'));
              String labels = key.substring(key.indexOf('{'));
              byName
                  .computeIfAbsent(name, n -> header(n, "counter"))
                  .append(name)
                  .append(labels.equals("{}") ? "" : labels)
                  .append(' ')
                  .append(c.n.sum())
                  .append('\n');
            });
    new TreeMap<>(histograms)
        .forEach(
            (key, h) -> {
              String name = key.substring(0, key.indexOf('{'));
              String inner = key.substring(key.indexOf('{') + 1, key.length() - 1);
              StringBuilder b = byName.computeIfAbsent(name, n -> header(n, "histogram"));
              long cumulative = 0;
              for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += h.buckets[i].sum();
                b.append(name)
                    .append("_bucket{")
                    .append(inner.isEmpty() ? "" : inner + ",")
                    .append("le=\"")
                    .append(String.format(Locale.ROOT, "%s", BUCKETS[i]))
                    .append("\"} ")
                    .append(cumulative)
                    .append('\n');
              }
              String suffix = inner.isEmpty() ? "" : "{" + inner + "}";
              b.append(name)
                  .append("_bucket{")
                  .append(inner.isEmpty() ? "" : inner + ",")
                  .append("le=\"+Inf\"} ")
                  .append(h.count.sum())
                  .append('\n');
              b.append(name).append("_sum").append(suffix).append(' ');
              b.append(String.format(Locale.ROOT, "%.6f", h.micros.sum() / 1e6)).append('\n');
              b.append(name).append("_count").append(suffix).append(' ').append(h.count.sum());
              b.append('\n');
            });
    byName.values().forEach(out::append);
  }

  private StringBuilder header(String name, String type) {
    return new StringBuilder()
        .append("# HELP ")
        .append(name)
        .append(' ')
        .append(help.getOrDefault(name, name))
        .append("\n# TYPE ")
        .append(name)
        .append(' ')
        .append(type)
        .append('\n');
  }

  private static final class Counter {
    final LongAdder n = new LongAdder();
  }

  private static final class Histogram {
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final LongAdder micros = new LongAdder();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void add(double seconds) {
      count.increment();
      micros.add((long) (seconds * 1e6));
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          buckets[i].increment();
          return;
        }
      }
    }
  }
}
