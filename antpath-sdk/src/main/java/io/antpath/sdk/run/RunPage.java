package io.antpath.sdk.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of runs, newest first, with the way to the next page and an auto-pager over all of them.
 */
public final class RunPage {
  private final List<Run> items;
  private final String nextCursor;
  private final Function<String, RunPage> fetch;

  RunPage(List<Run> items, String nextCursor, Function<String, RunPage> fetch) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
    this.fetch = fetch;
  }

  public List<Run> items() {
    return items;
  }

  public boolean hasNextPage() {
    return nextCursor != null;
  }

  public Optional<RunPage> nextPage() {
    return hasNextPage() ? Optional.of(fetch.apply(nextCursor)) : Optional.empty();
  }

  /** Every run from this page on, fetching further pages as iteration reaches them. */
  public Iterable<Run> autoPager() {
    return () ->
        new Iterator<>() {
          private RunPage page = RunPage.this;
          private Iterator<Run> current = new ArrayList<>(items).iterator();

          @Override
          public boolean hasNext() {
            while (!current.hasNext() && page.hasNextPage()) {
              page = page.nextPage().orElseThrow();
              current = page.items.iterator();
            }
            return current.hasNext();
          }

          @Override
          public Run next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return current.next();
          }
        };
  }

  public Stream<Run> stream() {
    return StreamSupport.stream(autoPager().spliterator(), false);
  }
}
