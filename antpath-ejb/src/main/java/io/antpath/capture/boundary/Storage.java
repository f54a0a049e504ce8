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

  @PreDestroy
  void close() throws Exception {
    if (storage instanceof AutoCloseable c) {
      c.close();
    }
  }
}
