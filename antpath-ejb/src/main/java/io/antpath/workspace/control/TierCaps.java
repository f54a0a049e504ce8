package io.antpath.workspace.control;

import io.antpath.platform.config.ByteSize;
import io.antpath.workspace.entity.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The caps in force for a workspace: its own overrides, else the configured tier defaults. Values
 * are injected as providers: read when used, after the start-up check has validated them (a typed
 * injection point would fail the deployment on a bad value before that check can name it).
 */
@ApplicationScoped
public class TierCaps {
  @Inject
  @ConfigProperty(name = "antpath.tier.max-concurrent-runs")
  Provider<Integer> maxConcurrentRuns;

  @Inject
  @ConfigProperty(name = "antpath.tier.max-queued-runs")
  Provider<Integer> maxQueuedRuns;

  @Inject
  @ConfigProperty(name = "antpath.tier.submissions-per-minute")
  Provider<Integer> submissionsPerMinute;

  @Inject
  @ConfigProperty(name = "antpath.tier.storage-cap")
  Provider<String> storageCap;

  @Inject
  @ConfigProperty(name = "antpath.tier.output-safety-cap")
  Provider<String> outputSafetyCap;

  @Inject
  @ConfigProperty(name = "antpath.tier.default-run-timeout-seconds")
  Provider<Integer> defaultRunTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "antpath.tier.max-run-timeout-seconds")
  Provider<Integer> maxRunTimeoutSeconds;

  /** Effective caps of one workspace. */
  public record Caps(
      String tier,
      int maxConcurrentRuns,
      int maxQueuedRuns,
      int submissionsPerMinute,
      long storageCapBytes,
      long outputSafetyCapBytes,
      int defaultRunTimeoutSeconds,
      int maxRunTimeoutSeconds) {}

  public Caps of(Workspace ws) {
    int maxTimeout = ws.getMaxRunTimeoutSeconds().orElse(maxRunTimeoutSeconds.get());
    return new Caps(
        ws.getTier(),
        ws.getMaxConcurrentRuns().orElse(maxConcurrentRuns.get()),
        ws.getMaxQueuedRuns().orElse(maxQueuedRuns.get()),
        ws.getSubmissionsPerMinute().orElse(submissionsPerMinute.get()),
        ws.getStorageCapBytes().orElse(ByteSize.parse(storageCap.get())),
        ws.getOutputSafetyCapBytes().orElse(ByteSize.parse(outputSafetyCap.get())),
        Math.min(defaultRunTimeoutSeconds.get(), maxTimeout),
        maxTimeout);
  }
}
