package io.antpath.web.run;

import io.antpath.access.entity.Caller;
import io.antpath.access.entity.NotFoundException;
import io.antpath.platform.DomainException;
import io.antpath.run.boundary.RunSignals;
import io.antpath.run.boundary.Runs;
import io.antpath.run.entity.CleanupStatus;
import io.antpath.run.entity.Run;
import io.antpath.run.entity.RunEvent;
import io.antpath.workspace.boundary.Workspaces;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The run page's live feed ({@code /app/w/{slug}/runs/{id}/events}, forwarded here by the
 * dashboard's addresses): the same Server-Sent Events as the API's {@code
 * /api/v1/runs/{id}/events/stream}, authenticated by the dashboard session and the member's role
 * instead of a token. {@code run.status} ({@code {status, cleanupStatus}}) first and on every
 * change of either, {@code run.event} per redacted event (id = event id, so {@code Last-Event-ID}
 * resumes), a comment heartbeat, and a final {@code end} once the run is terminal, its cleanup
 * settled and every event sent (the page needs the cleanup outcome too, which the API's stream does
 * not wait for). It reads new rows when the run changed ({@link RunSignals}) or on the fallback
 * poll ({@link StreamTicks}); no thread waits.
 */
@WebServlet(urlPatterns = "/app/run-events", asyncSupported = true)
public class RunEventsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(RunEventsServlet.class.getName());
  private static final int BATCH = 200;

  @Inject transient Workspaces workspaces;
  @Inject transient Runs runs;
  @Inject transient RunSignals signals;
  @Resource transient ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "antpath.events.stream-poll-millis", defaultValue = "300")
  transient long pollMillis;

  @Inject
  @ConfigProperty(name = "antpath.events.stream-fallback-poll-millis", defaultValue = "5000")
  transient long fallbackPollMillis;

  @Inject
  @ConfigProperty(name = "antpath.events.stream-heartbeat-seconds", defaultValue = "15")
  transient long heartbeatSeconds;

  @Inject
  @ConfigProperty(name = "antpath.events.stream-max-minutes", defaultValue = "30")
  transient long maxMinutes;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Caller caller;
    UUID runId;
    long after;
    try {
      caller =
          workspaces.memberCaller(
              UUID.fromString(request.getUserPrincipal().getName()),
              request.getParameter("ws"),
              request.getRemoteAddr(),
              null);
      runId = uuid(request.getParameter("run"));
      runs.get(caller, runId);
      after = RunEventStreamResource.resumeAfter(request.getHeader("Last-Event-ID"), null);
    } catch (DomainException e) {
      response.sendError(e.status() == 403 || e.status() == 404 ? e.status() : 400);
      return;
    }
    response.setContentType("text/event-stream;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Accel-Buffering", "no"); // a proxy in front must not hold events back
    response.flushBuffer();
    AsyncContext async = request.startAsync();
    async.setTimeout(Duration.ofMinutes(maxMinutes).toMillis());
    new Feed(caller, runId, after, async).start();
  }

  static UUID uuid(String text) {
    try {
      return UUID.fromString(String.valueOf(text));
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("run");
    }
  }

  /** One open feed, ticking on the managed scheduler until the run is settled or the page left. */
  private final class Feed implements Runnable, AsyncListener {
    private final Caller caller;
    private final UUID runId;
    private final AsyncContext async;
    private final StreamTicks ticks;
    private long lastId;
    private String lastStatus;
    private long lastSentAt = System.nanoTime();
    private boolean done;

    Feed(Caller caller, UUID runId, long after, AsyncContext async) {
      this.caller = caller;
      this.runId = runId;
      this.lastId = after;
      this.async = async;
      this.ticks =
          new StreamTicks(
              scheduler,
              this,
              Duration.ofMillis(pollMillis),
              Duration.ofMillis(fallbackPollMillis));
    }

    void start() {
      async.addListener(this);
      ticks.start(signals::subscribe, runId);
    }

    @Override
    public synchronized void run() {
      if (done) {
        return;
      }
      try {
        PrintWriter out = async.getResponse().getWriter();
        Run run = runs.get(caller, runId);
        List<RunEvent> events = runs.events(caller, runId, lastId, BATCH);
        String status = RunEventJson.status(run);
        if (!status.equals(lastStatus)) {
          out.write("event: run.status\ndata: " + status + "\n\n");
          lastStatus = status;
          lastSentAt = System.nanoTime();
        }
        for (RunEvent e : events) {
          out.write(
              "id: " + e.getId() + "\nevent: run.event\ndata: " + RunEventJson.event(e) + "\n\n");
          lastId = e.getId();
          lastSentAt = System.nanoTime();
        }
        boolean settled =
            run.getStatus().isTerminal()
                && run.getCleanupStatus() != CleanupStatus.PENDING
                && run.getCleanupStatus() != CleanupStatus.IN_PROGRESS
                && events.size() < BATCH;
        if (settled) {
          out.write("event: end\ndata: {}\n\n");
        } else if (System.nanoTime() - lastSentAt
            > Duration.ofSeconds(heartbeatSeconds).toNanos()) {
          out.write(": heartbeat\n\n");
          lastSentAt = System.nanoTime();
        }
        out.flush();
        if (out.checkError() || settled) {
          stop();
        }
      } catch (RuntimeException | IOException e) {
        LOG.log(Level.FINE, "a run page's event feed ended", e);
        stop();
      }
    }

    private synchronized void stop() {
      if (done) {
        return;
      }
      done = true;
      ticks.stop();
      try {
        async.complete();
      } catch (IllegalStateException e) {
        LOG.log(Level.FINE, "the feed's request had already ended", e);
      }
    }

    @Override
    public void onComplete(AsyncEvent event) {
      // However the request ended, no read may write to its response again: the container
      // recycles it for the next request it serves.
      synchronized (this) {
        done = true;
      }
      cancelOnly();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      stop();
    }

    @Override
    public void onError(AsyncEvent event) {
      stop();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // not restarted
    }

    private void cancelOnly() {
      ticks.stop();
    }
  }
}
