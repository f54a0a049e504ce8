package io.antpath.sdk;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a listing (runs, events) with the way to the next page and an auto-pager over all of
 * them. Immutable; fetching the next page is a call to the server.
 *
 * @param <T> what the listing holds
 */
public final class Page<T> {
  private final List<T> items;
  private final String nextCursor;
  private final Function<String, Page<T>> fetch;

  /**
   * @param nextCursor the cursor of the next page, or null on the last page
   * @param fetch fetches the page a cursor names
   */
  Page(List<T> items, String nextCursor, Function<String, Page<T>> fetch) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
    this.fetch = fetch;
  }

  /**
   * The items of this page only.
   *
   * @return the items, unmodifiable
   */
  public List<T> items() {
    return items;
  }

  /**
   * Whether there is a next page (for events: whether this page was full).
   *
   * @return true when {@link #nextPage()} fetches one
   */
  public boolean hasNextPage() {
    return nextCursor != null;
  }

  /**
   * Fetches the next page from the server.
   *
   * @return the next page, or empty on the last page
   */
  public Optional<Page<T>> nextPage() {
    return hasNextPage() ? Optional.of(fetch.apply(nextCursor)) : Optional.empty();
  }

  /**
   * Every item from this page on, fetching further pages as iteration reaches them. Use {@code
   * stream().limit(n)} to stop after {@code n} items: the page size ({@code limit}) is per page.
   *
   * @return an iterable over all items
   */
  public Iterable<T> autoPager() {
    return () ->
        new Iterator<>() {
          private Page<T> page = Page.this;
          private Iterator<T> current = new ArrayList<>(items).iterator();

          @Override
          public boolean hasNext() {
            while (!current.hasNext() && page.hasNextPage()) {
              page = page.nextPage().orElseThrow();
              current = page.items.iterator();
            }
            return current.hasNext();
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return current.next();
          }
        };
  }

  /**
   * {@link #autoPager()} as a sequential stream.
   *
   * @return a stream over all items from this page on
   */
  public Stream<T> stream() {
    return StreamSupport.stream(autoPager().spliterator(), false);
  }
}
