package io.antpath.web.run;

import io.antpath.access.entity.Caller;
import io.antpath.access.entity.InvalidRequestException;
import io.antpath.run.boundary.RunSignals;
import io.antpath.run.boundary.Runs;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunEvent;
import io.antpath.web.platform.CallerContext;
import io.antpath.web.platform.PathIds;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/runs/{id}/events/stream}: a run's redacted events as Server-Sent Events. Each
 * event carries its id, so a client that reconnects with {@code Last-Event-ID} (or {@code after})
 * resumes right after the last one it saw. A {@code run.status} event is sent at the start and on
 * every status change, a comment line keeps idle connections open, and the stream ends (after a
 * final {@code run.status}) once the run is terminal and every event has been sent. Its own root
 * class at the full path, so it cannot shadow {@link RunsResource}'s methods.
 */
@Path("runs/{id}/events/stream")
@Tag(name = "runs")
public class RunEventStreamResource {
  private static final Logger LOG = Logger.getLogger(RunEventStreamResource.class.getName());
  private static final int BATCH = 200;

  @Inject CallerContext callerContext;
  @Inject Runs runs;
  @Inject RunSignals signals;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "antpath.events.stream-poll-millis", defaultValue = "300")
  long pollMillis;

  @Inject
  @ConfigProperty(name = "antpath.events.stream-fallback-poll-millis", defaultValue = "5000")
  long fallbackPollMillis;

  @Inject
  @ConfigProperty(name = "antpath.events.stream-heartbeat-seconds", defaultValue = "15")
  long heartbeatSeconds;

  @Inject
  @ConfigProperty(name = "antpath.events.stream-max-minutes", defaultValue = "30")
  long maxMinutes;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(
      responseCode = "200",
      description = "The event stream; it ends when the run is terminal.",
      content =
          @org.eclipse.microprofile.openapi.annotations.media.Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema =
                  @org.eclipse.microprofile.openapi.annotations.media.Schema(
                      type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
  @Operation(
      operationId = "streamRunEvents",
      summary = "Stream a run's events",
      description =
          "text/event-stream of the run's redacted events (event: run.event, id: the event id,"
              + " data: {id, type, occurredAt, data}), resumable with Last-Event-ID or ?after=; a"
              + " run.status event (data: {status, cleanupStatus}) first and on each change; a"
              + " comment heartbeat every 15 s; ends once the run is terminal and all its events"
              + " were sent (a stream also ends after 30 minutes: reconnect with Last-Event-ID)."
              + " Scope runs:read.")
  public void stream(
      @PathParam("id") String id,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @QueryParam("after") Long after,
      @Context SseEventSink sink,
      @Context Sse sse) {
    Caller caller = callerContext.get();
    UUID runId = PathIds.parse(id, "run");
    runs.get(caller, runId); // 404 or 403 as a normal response before the stream starts
    long start = resumeAfter(lastEventId, after);
    new Stream(caller, runId, start, sink, sse).start();
  }

  static long resumeAfter(String lastEventId, Long after) {
    if (lastEventId != null && !lastEventId.isBlank()) {
      try {
        return Math.max(0, Long.parseLong(lastEventId.trim()));
      } catch (NumberFormatException e) {
        throw new InvalidRequestException("Last-Event-ID: an event id this stream sent");
      }
    }
    return after == null ? 0 : Math.max(0, after);
  }

  /**
   * One open stream: a read on the managed scheduler when its run changed ({@link RunSignals}) or
   * on the fallback poll ({@link StreamTicks}), never a sleeping thread.
   */
  private final class Stream implements Runnable {
    private final Caller caller;
    private final UUID runId;
    private final SseEventSink sink;
    private final Sse sse;
    private final long deadline;
    private final StreamTicks ticks;
    private long lastId;
    private String lastStatus;
    private long lastSentAt = System.nanoTime();
    private boolean ended;

    Stream(Caller caller, UUID runId, long after, SseEventSink sink, Sse sse) {
      this.caller = caller;
      this.runId = runId;
      this.lastId = after;
      this.sink = sink;
      this.sse = sse;
      this.deadline = System.nanoTime() + Duration.ofMinutes(maxMinutes).toNanos();
      this.ticks =
          new StreamTicks(
              scheduler,
              this,
              Duration.ofMillis(pollMillis),
              Duration.ofMillis(fallbackPollMillis));
    }

    void start() {
      ticks.start(signals::subscribe, runId);
    }

    @Override
    public synchronized void run() {
      if (ended) {
        // A read queued before the stream ended: the sink is closed, and once the container has
        // completed the response it may serve another request, which a late write would corrupt.
        return;
      }
      try {
        if (sink.isClosed() || System.nanoTime() > deadline) {
          stop();
          return;
        }
        Run run = runs.get(caller, runId);
        List<RunEvent> events = runs.events(caller, runId, lastId, BATCH);
        String status = run.getStatus().name().toLowerCase(Locale.ROOT);
        if (!status.equals(lastStatus)) {
          send(statusEvent(run));
          lastStatus = status;
        }
        for (RunEvent e : events) {
          send(event(e));
          lastId = e.getId();
        }
        if (run.getStatus().isTerminal() && events.size() < BATCH) {
          // Events recorded with the terminal status are read above; nothing follows them.
          stop();
          return;
        }
        if (System.nanoTime() - lastSentAt > Duration.ofSeconds(heartbeatSeconds).toNanos()) {
          send(sse.newEventBuilder().comment("heartbeat").build());
        }
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "event stream of a run ended", e);
        stop();
      }
    }

    private void send(OutboundSseEvent event) {
      sink.send(event);
      lastSentAt = System.nanoTime();
    }

    private OutboundSseEvent statusEvent(Run run) {
      return sse.newEventBuilder()
          .name("run.status")
          .mediaType(MediaType.APPLICATION_JSON_TYPE)
          .data(RunEventJson.status(run))
          .build();
    }

    private OutboundSseEvent event(RunEvent e) {
      return sse.newEventBuilder()
          .id(Long.toString(e.getId()))
          .name("run.event")
          .mediaType(MediaType.APPLICATION_JSON_TYPE)
          .data(RunEventJson.event(e))
          .build();
    }

    private void stop() {
      ended = true;
      ticks.stop();
      try {
        sink.close();
      } catch (RuntimeException | java.io.IOException e) {
        LOG.log(Level.FINE, "closing an event stream", e);
      }
    }
  }
}
