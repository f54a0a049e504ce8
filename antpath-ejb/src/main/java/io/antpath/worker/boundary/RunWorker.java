package io.antpath.worker.boundary;

import io.antpath.capture.boundary.Storage;
import io.antpath.capture.control.OutputCapture;
import io.antpath.capture.control.OutputStorage;
import io.antpath.cleanup.control.RunCleaner;
import io.antpath.platform.Redacted;
import io.antpath.platform.config.Setting;
import io.antpath.platform.db.ConfiguredDataSource;
import io.antpath.provider.control.ClaudeApi;
import io.antpath.run.boundary.RunSignals;
import io.antpath.vault.boundary.Vault;
import io.antpath.worker.control.Purger;
import io.antpath.worker.control.RunClaimer;
import io.antpath.worker.control.RunDriver;
import io.antpath.worker.control.RunNotifications;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * This instance's worker: a claim loop on the managed scheduled executor that claims due steps (as
 * many as it has free slots; live runs' steps first, then admissions fair across workspaces, {@code
 * SKIP LOCKED}) and hands each to the managed executor, where {@link RunDriver} (or {@link
 * RunCleaner}) does one step under a lease and lets go. A run waiting for its session holds no
 * slot: it is a row with a due time. Polling finds every due step (new, retried, or whose worker
 * died) within one interval; a {@code NOTIFY antpath_runs} (sent on every submission, from any
 * instance) calls {@link #wake()} so a new run need not wait for it.
 */
@Singleton
@Startup
@DependsOn("PlatformStartup")
public class RunWorker {
  private static final Logger LOG = Logger.getLogger(RunWorker.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedExecutorService executor;
  @Resource ManagedThreadFactory threads;

  @Resource(lookup = "java:app/jdbc/antpath")
  DataSource dataSource;

  @Inject Vault vault;
  @Inject Config config;
  @Inject Storage outputStorage;
  @Inject EngineMetrics metrics;
  @Inject RunSignals signals;

  private final AtomicInteger active = new AtomicInteger();
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private final Object claimLock = new Object();
  private final Object idle = new Object();
  private volatile boolean stopped;
  private ScheduledFuture<?> loop;
  private ScheduledFuture<?> heartbeat;
  private ScheduledFuture<?> purge;
  private final Set<UUID> working = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean drained = new AtomicBoolean();
  private final java.util.concurrent.CountDownLatch drainDone =
      new java.util.concurrent.CountDownLatch(1);
  private RunClaimer handBackOnExit;
  private Thread drainOnExit;
  private String handBackFailed;
  private RunNotifications notifications;
  private RunClaimer claimer;
  private RunDriver driver;
  private RunCleaner cleaner;
  private String workerId;
  private int concurrency;
  private Duration lease;
  private Duration drain;

  private long number(Setting s) {
    return config.getValue(s.key(), Integer.class);
  }

  @PostConstruct
  void start() {
    if (!config.getValue(Setting.WORKER_ENABLED.key(), Boolean.class)) {
      LOG.info("worker disabled on this instance (ANTPATH_WORKER_ENABLED=false)");
      return;
    }
    workerId = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
    concurrency = config.getValue(Setting.WORKER_CONCURRENCY.key(), Integer.class);
    lease = Duration.ofSeconds(config.getValue(Setting.WORKER_LEASE_SECONDS.key(), Integer.class));
    Duration poll =
        Duration.ofMillis(config.getValue(Setting.WORKER_POLL_MILLIS.key(), Integer.class));
    ClaudeApi api =
        new ClaudeApi(
            URI.create(config.getValue(Setting.PROVIDER_BASE_URL.key(), String.class)),
            Duration.ofSeconds(number(Setting.PROVIDER_TIMEOUT_SECONDS)),
            config.getValue(Setting.PROVIDER_MAX_RETRIES.key(), Integer.class),
            d -> Thread.sleep(d.toMillis()),
            metrics::providerFailure);
    claimer = new RunClaimer(dataSource, metrics::pickedUp);
    OutputStorage storage = outputStorage.get();
    OutputCapture capture =
        new OutputCapture(
            dataSource,
            api,
            storage,
            new OutputCapture.Settings(
                config.getValue(Setting.CAPTURE_EMPTY_LISTING_RETRIES.key(), Integer.class),
                Duration.ofMillis(number(Setting.CAPTURE_EMPTY_LISTING_PAUSE_MILLIS))));
    cleaner =
        new RunCleaner(
            dataSource,
            api,
            vault::open,
            vault::destroy,
            capture,
            storage,
            new RunCleaner.Settings(
                workerId,
                lease,
                config.getValue(Setting.CLEANUP_MAX_ATTEMPTS.key(), Integer.class),
                Duration.ofSeconds(number(Setting.CLEANUP_RETRY_BASE_SECONDS)),
                Duration.ofSeconds(number(Setting.CLEANUP_RETRY_MAX_SECONDS)),
                config.getValue(Setting.CLEANUP_RETAIN_SESSIONS.key(), Boolean.class)));
    driver =
        new RunDriver(
            dataSource,
            api,
            vault::open,
            capture,
            new RunDriver.Settings(
                workerId,
                lease,
                poll,
                Duration.ofMillis(number(Setting.WORKER_POLL_MAX_MILLIS)),
                config.getValue(Setting.WORKER_MAX_ATTEMPTS.key(), Integer.class),
                Duration.ofMillis(number(Setting.WORKER_RETRY_BASE_MILLIS)),
                Duration.ofSeconds(number(Setting.WORKER_RETRY_MAX_SECONDS))));
    drain = Duration.ofSeconds(number(Setting.WORKER_DRAIN_SECONDS));
    loop = scheduler.scheduleWithFixedDelay(this::tick, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    Purger purger = new Purger(dataSource, storage);
    purge =
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                purger.purgeWorkspaces();
                purger.purgeUsers();
              } catch (Exception e) {
                LOG.log(
                    Level.WARNING, "purging deleted workspaces and users failed; trying again", e);
              }
            },
            5,
            config.getValue(Setting.WORKER_PURGE_SECONDS.key(), Integer.class),
            TimeUnit.SECONDS);
    long renewEvery = Math.max(1000, lease.toMillis() / 3);
    heartbeat =
        scheduler.scheduleWithFixedDelay(
            this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    ConfiguredDataSource unpooled = new ConfiguredDataSource();
    notifications =
        RunNotifications.start(
            unpooled::getConnection, this::wake, Duration.ofSeconds(30), threads);
    // SIGTERM: Payara Micro's own shutdown runs beside this hook and may close the pool and the
    // executors before the application is undeployed (or not undeploy it at all), so the drain does
    // not wait for @PreDestroy and hands the leases back on a connection of its own.
    RunClaimer handBack = new RunClaimer(unpooled);
    handBackOnExit = handBack;
    // The hook runs while the server stops its application class loader: every class and call
    // site it needs is resolved now, by doing its work once (this new worker holds no lease yet).
    handBackFailed =
        "worker " + workerId + ": handing back leases failed; they expire by themselves";
    String armed = handBackReport(handBack);
    drainOnExit = new Thread(() -> drainAndHandBack(handBack), "antpath-worker-drain");
    Runtime.getRuntime().addShutdownHook(drainOnExit);
    System.err.println("worker " + workerId + ": drain on SIGTERM ready (" + armed + ")");
    LOG.info("worker " + workerId + " started: " + concurrency + " runs at once");
  }

  /** Claims what fits into the free slots and starts driving it. */
  void tick() {
    if (stopped) {
      return;
    }
    // One claim at a time: two overlapping ticks would both see the same free slots.
    synchronized (claimLock) {
      // Checked again under the lock: a drain that began while this tick waited for it has handed
      // (or will hand) the leases back, and a claim now would outlive it.
      if (!stopped) {
        claimFreeSlots();
      }
    }
  }

  private void claimFreeSlots() {
    try {
      // Cleanups first: they are short, and they free provider resources and vault entries.
      long t0 = System.nanoTime();
      List<UUID> cleanups = cleaner.claim(concurrency - active.get());
      for (UUID id : cleanups) {
        launch(id, "cleanup", () -> cleaner.clean(id));
      }
      List<UUID> steps = claimer.claim(workerId, concurrency - active.get(), lease);
      metrics.claimed(cleanups.size() + steps.size(), (System.nanoTime() - t0) / 1e9);
      for (UUID id : steps) {
        launch(id, "run", () -> driver.step(id));
      }
    } catch (Exception e) {
      LOG.log(Level.WARNING, "claiming runs failed; trying again next interval", e);
    }
  }

  /**
   * Works on a claimed run in a slot of the managed executor, keeping its lease meanwhile. (Not
   * named start: Payara resolves the {@code @PostConstruct} callback by name and would pick an
   * overload.)
   */
  private void launch(UUID id, String kind, Runnable work) {
    active.incrementAndGet();
    working.add(id);
    try {
      executor.execute(() -> work(id, kind, work));
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      // The server is stopping and its executor takes no more work: the drain hands the lease back
      // (otherwise it expires and another instance takes the run).
      LOG.warning("run " + id + ": the executor refused its step (stopping?); the lease lets go");
      settled(id);
    }
  }

  private void work(UUID id, String kind, Runnable work) {
    long t0 = System.nanoTime();
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warning("run " + id + ": step failed " + Redacted.describe(e));
    } finally {
      metrics.step(kind, (System.nanoTime() - t0) / 1e9);
      signal(id);
      settled(id);
      wake(); // a slot is free: the next due run need not wait for the interval
    }
  }

  /**
   * The step's writes have committed (or it failed): the run's event streams, here and on other
   * instances, read it now rather than at their fallback poll. Never fails the step.
   */
  private void signal(UUID id) {
    try {
      signals.changed(id);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "no run signal sent for " + id, e);
    }
  }

  private void settled(UUID id) {
    working.remove(id);
    active.decrementAndGet();
    synchronized (idle) {
      idle.notifyAll();
    }
  }

  /** Keeps the leases of the runs this instance works on while it lives (every lease / 3). */
  void renewLeases() {
    try {
      claimer.renew(workerId, List.copyOf(working), lease);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "renewing leases failed; trying again", e);
    }
  }

  /** Looks for due runs now instead of at the next interval. */
  public void wake() {
    // A burst of notifications (many submissions at once) queues one extra claim, not one each.
    if (loop != null && !stopped && wakeQueued.compareAndSet(false, true)) {
      scheduler.execute(
          () -> {
            wakeQueued.set(false);
            tick();
          });
    }
  }

  /**
   * A clean stop (undeployment), before the data source and executors close: the same drain as on
   * SIGTERM, once.
   */
  @PreDestroy
  void stop() {
    stopped = true;
    if (loop == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(drainOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is exiting (SIGTERM) and the hook is draining beside this call. Drain here too (the
      // first caller drains, the other waits for it), on the hook's own connection: the server
      // closes the pool beside this call, and may end the JVM once its undeployment is done, so
      // this call must not return before the leases are handed back.
      drainAndHandBack(handBackOnExit);
      return;
    }
    drainAndHandBack(claimer);
  }

  /**
   * Stops claiming and listening, lets the steps in flight finish within the drain window ({@code
   * antpath.worker.drain-seconds}), then hands back every lease this worker still holds (also those
   * of steps that failed because the server closed the pool under them), so another instance takes
   * the next steps at once instead of after the lease. Reported on standard error as well: on
   * SIGTERM the server's log handlers may already be closed.
   */
  void drainAndHandBack(RunClaimer handBack) {
    if (!drained.compareAndSet(false, true)) {
      // Another caller is draining: wait for it (bounded), so neither returns before the hand-back.
      try {
        drainDone.await(drain.toSeconds() + 30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      drainOnce(handBack);
    } finally {
      drainDone.countDown();
    }
  }

  private void drainOnce(RunClaimer handBack) {
    stopped = true;
    loop.cancel(false);
    heartbeat.cancel(false);
    purge.cancel(false);
    notifications.close();
    // Wait out a claim in flight: its leases must be among those handed back below, and the steps
    // it launches among those the drain waits for. Later ticks see stopped and claim nothing.
    synchronized (claimLock) {
      LOG.fine("worker " + workerId + ": no claim in flight");
    }
    long deadline = System.nanoTime() + drain.toNanos();
    synchronized (idle) {
      while (active.get() > 0 && System.nanoTime() < deadline) {
        try {
          idle.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    String report = handBackReport(handBack);
    LOG.info(report);
    System.err.println(report);
  }

  /** Hands back every lease this worker holds; says how it went. */
  private String handBackReport(RunClaimer handBack) {
    try {
      int handedBack = handBack.releaseAll(workerId);
      return "worker "
          + workerId
          + " stopped; "
          + active.get()
          + " steps still running, "
          + handedBack
          + " runs handed back";
    } catch (Exception | LinkageError e) {
      // LinkageError: a class the server's shutdown unloaded under the hand-back.
      return handBackFailed;
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "antpath";
    }
  }
}
