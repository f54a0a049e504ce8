package io.antpath.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless the JVM is wedged: a restart helps with deadlocked threads, not with a database
 * outage (that is readiness's job, so liveness deliberately does not touch the database).
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  @Override
  public HealthCheckResponse call() {
    long[] deadlocked = threads.findDeadlockedThreads();
    return HealthCheckResponse.named("process")
        .status(deadlocked == null)
        .withData("deadlockedThreads", deadlocked == null ? 0 : deadlocked.length)
        .build();
  }
}
