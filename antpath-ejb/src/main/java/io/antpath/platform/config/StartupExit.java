package io.antpath.platform.config;

import org.eclipse.microprofile.config.Config;

/**
 * Ends the process after a failed start where it runs only antpath ({@link
 * Setting#STARTUP_EXIT_ON_FAILURE}).
 */
public final class StartupExit {
  private StartupExit() {}

  public static void ifConfigured(Config config) {
    boolean exit =
        config
            .getOptionalValue(Setting.STARTUP_EXIT_ON_FAILURE.key(), String.class)
            .map("true"::equals)
            .orElse(false);
    if (exit) {
      // A separate thread: exiting inside the deployment thread would wait on the deployment
      // itself.
      Thread exiter = new Thread(() -> System.exit(3), "antpath-startup-exit");
      exiter.setDaemon(true);
      exiter.start();
    }
  }
}
