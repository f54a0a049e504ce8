package io.antpath.sdk.internal;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Not API: one open {@code text/event-stream} response, read on the caller's thread. The HTTP
 * client pushes lines into a queue one at a time (the next line is requested only after the caller
 * took this one, so a slow caller holds the connection back instead of filling memory), and {@link
 * #next(Duration)} waits on that queue with a time limit: a stream that sends nothing, not even its
 * heartbeat, or a caller whose own deadline passes, never blocks a thread for ever. Parses the SSE
 * fields {@code event}, {@code id} and {@code data}; comments (heartbeats) count as life but are
 * not messages.
 */
public final class EventStream implements AutoCloseable {
  /** What {@link #next(Duration)} found. */
  public sealed interface Next permits Message, Idle, Ended, Broken {}

  /**
   * One dispatched SSE message.
   *
   * @param event the {@code event} field, {@code message} when absent
   * @param id the {@code id} field of this message, or null when it had none
   * @param data the {@code data} lines joined by {@code \n}
   */
  public record Message(String event, String id, String data) implements Next {}

  /** Nothing arrived within the wait. */
  public record Idle() implements Next {}

  /** The server ended the stream cleanly. */
  public record Ended() implements Next {}

  /**
   * The connection failed while reading.
   *
   * @param cause what the HTTP client reported
   */
  public record Broken(Throwable cause) implements Next {}

  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean closed;
  private boolean finished;
  private String event;
  private String id;
  private StringBuilder data;

  EventStream() {}

  /** The body subscriber that feeds this stream. */
  HttpResponse.BodySubscriber<Void> subscriber() {
    return HttpResponse.BodySubscribers.fromLineSubscriber(
        new Flow.Subscriber<String>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (closed) {
              s.cancel();
            } else {
              s.request(1);
            }
          }

          @Override
          public void onNext(String line) {
            queue.add(line);
          }

          @Override
          public void onError(Throwable t) {
            queue.add(t);
          }

          @Override
          public void onComplete() {
            queue.add(END);
          }
        },
        s -> null,
        StandardCharsets.UTF_8,
        null);
  }

  /**
   * Waits at most {@code wait} for the next message.
   *
   * @param wait how long to wait for any line (a heartbeat resets it)
   * @return a message, {@link Idle} when nothing came in time, {@link Ended} or {@link Broken}
   */
  public Next next(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!finished) {
      Object item = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (item == null) {
        return new Idle();
      }
      if (item == END) {
        finished = true;
        return new Ended();
      }
      if (item instanceof Throwable t) {
        finished = true;
        return new Broken(t);
      }
      // A line of life (a heartbeat too) gives the stream its full wait again.
      deadline = System.nanoTime() + wait.toNanos();
      Flow.Subscription s = subscription;
      if (s != null) {
        s.request(1);
      }
      Message m = accept((String) item);
      if (m != null) {
        return m;
      }
    }
    return new Ended();
  }

  /** One line of the SSE format; a message when the line is blank and data was collected. */
  private Message accept(String line) {
    if (line.isEmpty()) {
      Message m = data == null ? null : new Message(event == null ? "message" : event, id, data());
      event = null;
      id = null;
      data = null;
      return m;
    }
    if (line.startsWith(":")) {
      return null;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> event = value;
      case "id" -> id = value;
      case "data" ->
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      default -> {
        // "retry" and unknown fields: the SDK chooses its own reconnect timing.
      }
    }
    return null;
  }

  private String data() {
    return data.toString();
  }

  /** Closes the connection; a waiting {@link #next} returns what was queued, then ends. */
  @Override
  public void close() {
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
