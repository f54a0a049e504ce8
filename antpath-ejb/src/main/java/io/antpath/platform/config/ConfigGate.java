package io.antpath.platform.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks the configuration while CDI is still discovering beans, so a bad setting fails the
 * deployment before the server registers anything of the application (on Payara Server the health
 * checks of a deployment that failed later stay registered, answering 500, until a restart). The
 * same check runs again in {@code PlatformStartup}; this one only makes the failure earlier.
 */
public class ConfigGate implements Extension {
  private static final Logger LOG = Logger.getLogger(ConfigGate.class.getName());

  void check(@Observes AfterBeanDiscovery discovery) {
    Config config = ConfigProvider.getConfig();
    List<ConfigProblem> problems =
        new ConfigCheck(key -> config.getOptionalValue(key, String.class)).problems();
    if (problems.isEmpty()) {
      return;
    }
    problems.forEach(p -> LOG.severe(p.toString()));
    String all = problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; "));
    LOG.severe("antpath start-up failed: " + all);
    StartupExit.ifConfigured(config);
    discovery.addDefinitionError(new IllegalStateException(all));
  }
}
