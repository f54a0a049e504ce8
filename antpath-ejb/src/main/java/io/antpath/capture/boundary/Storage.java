package io.antpath.capture.boundary;

import io.antpath.capture.control.OutputStorage;
import io.antpath.capture.control.OutputStorages;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/** The application's one output storage, built from configuration on first use. */
@ApplicationScoped
public class Storage {
  @Inject Config config;

  private volatile OutputStorage storage;

  public OutputStorage get() {
    OutputStorage s = storage;
    if (s == null) {
      synchronized (this) {
        if (storage == null) {
          storage = OutputStorages.fromConfig(config);
        }
        s = storage;
      }
    }
    return s;
  }

  // A lifecycle method must not declare checked exceptions (Payara refuses the deployment).
  @PreDestroy
  void close() {
    if (storage instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        java.util.logging.Logger.getLogger(Storage.class.getName())
            .log(java.util.logging.Level.WARNING, "closing output storage failed", e);
      }
    }
  }
}
