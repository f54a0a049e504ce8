package io.antpath.sdk.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antpath.sdk.errors.AntpathIoException;
import io.antpath.sdk.errors.InternalServerException;
import io.antpath.sdk.errors.RateLimitException;
import io.antpath.sdk.errors.RunWaitTimeoutException;
import io.antpath.sdk.http.Sleeper;
import io.antpath.sdk.internal.EventStream;
import io.antpath.sdk.internal.Transport;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows one run's events for {@link RunsService#followEvents}: live over the server's event
 * stream ({@code GET /api/v1/runs/{id}/events/stream}), with polling as the fallback.
 *
 * <ul>
 *   <li>A stream that breaks, goes quiet for longer than the client's timeout (the server sends a
 *       heartbeat every 15 s), or ends before the run did is reopened with {@code Last-Event-ID}:
 *       the server sends exactly the events after the last one delivered.
 *   <li>After {@code maxRetries + 1} connections in a row that brought nothing new, or when the
 *       server cannot stream (404, 405, 406, 415, 501, a success that is not an event stream, or
 *       errors left after the opening's own retries), it polls {@code /events} from the same place
 *       every poll interval. An unknown run then fails as the {@code NotFoundException} it is.
 *   <li>Events are handed over in id order and each once: ids at or below the last delivered one
 *       are dropped, whichever way they came.
 * </ul>
 */
final class EventFollower {
  private static final int EVENT_PAGE = 500;

  private final RunsService runs;
  private final Transport transport;
  private final ObjectMapper json;
  private final Sleeper sleeper;
  private final Duration pollInterval;

  EventFollower(
      RunsService runs,
      Transport transport,
      ObjectMapper json,
      Sleeper sleeper,
      Duration pollInterval) {
    this.runs = runs;
    this.transport = transport;
    this.json = json;
    this.sleeper = sleeper;
    this.pollInterval = pollInterval;
  }

  Run follow(String runId, Duration timeout, Consumer<RunEvent> onEvent) {
    Follow f = new Follow(runId, timeout, onEvent);
    Run done = stream(f);
    return done != null ? done : poll(f);
  }

  /** The terminal run, or null to poll instead. */
  private Run stream(Follow f) {
    Duration quiet = transport.defaults().timeout().orElseThrow();
    int maxRetries = transport.defaults().maxRetries().orElseThrow();
    String path = "api/v1/runs/" + URLEncoder.encode(f.runId, StandardCharsets.UTF_8);
    int unproductive = 0;
    while (true) {
      f.checkDeadline();
      EventStream stream;
      try {
        String resume = f.after == 0 ? null : Long.toString(f.after);
        stream = transport.openEventStream(path + "/events/stream", resume, null);
      } catch (AntpathIoException | InternalServerException | RateLimitException e) {
        return null; // retried already; polling has its own retries and reports what stays wrong
      }
      if (stream == null) {
        return null;
      }
      boolean progress = false;
      try (stream) {
        while (true) {
          EventStream.Next next = stream.next(min(quiet, f.left()));
          if (next instanceof EventStream.Message m) {
            progress |= f.accept(m);
          } else if (next instanceof EventStream.Ended
              && f.status != null
              && f.status.isTerminal()) {
            Run run = runs.retrieve(f.runId);
            return run.isTerminal() ? run : null;
          } else {
            break; // idle past the limit, broken, or ended before the run: reopen
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AntpathIoException("interrupted while following the run", e);
      }
      f.checkDeadline(); // a wait that ran out ends here, not after a backoff or a poll
      unproductive = progress ? 0 : unproductive + 1;
      if (unproductive > maxRetries) {
        return null;
      }
      if (unproductive > 0) {
        pause(Transport.backoff(unproductive));
      }
    }
  }

  private Run poll(Follow f) {
    while (true) {
      // Read the status first: events written before a terminal status are then all visible below.
      Run run = runs.retrieve(f.runId);
      f.status = run.status();
      RunEventListParams page =
          RunEventListParams.builder().after(f.after).limit(EVENT_PAGE).build();
      for (RunEvent event : runs.events(f.runId, page).autoPager()) {
        f.deliver(event);
      }
      if (run.isTerminal()) {
        return run;
      }
      f.checkDeadline();
      pause(pollInterval);
    }
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AntpathIoException("interrupted while waiting for the run", e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Where one follow stands: the last delivered id, the last status seen, the deadline. */
  private final class Follow {
    final String runId;
    final Duration timeout;
    final Consumer<RunEvent> onEvent;
    final long deadline;
    long after;
    RunStatus status;

    Follow(String runId, Duration timeout, Consumer<RunEvent> onEvent) {
      this.runId = runId;
      this.timeout = timeout;
      this.onEvent = onEvent;
      this.deadline = System.nanoTime() + timeout.toNanos();
    }

    Duration left() {
      return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    void checkDeadline() {
      if (deadline - System.nanoTime() <= 0) {
        RunStatus last = status != null ? status : runs.retrieve(runId).status();
        throw new RunWaitTimeoutException(runId, last, timeout);
      }
    }

    /** Takes one stream message; true when it brought a new event or a new status. */
    boolean accept(EventStream.Message m) {
      try {
        if ("run.event".equals(m.event())) {
          return deliver(json.readValue(m.data(), RunEvent.class));
        }
        if ("run.status".equals(m.event())) {
          JsonNode body = json.readTree(m.data());
          RunStatus s = RunStatus.of(body.path("status").asText(null));
          boolean changed = s != null && s != status;
          status = s != null ? s : status;
          return changed;
        }
        return false; // an event type this SDK does not know yet
      } catch (IOException e) {
        throw new AntpathIoException("antpath sent a stream event this SDK cannot read", e);
      }
    }

    boolean deliver(RunEvent event) {
      if (event.id() <= after) {
        return false;
      }
      onEvent.accept(event);
      after = event.id();
      return true;
    }
  }
}
