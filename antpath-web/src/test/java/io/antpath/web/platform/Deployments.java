package io.antpath.web.platform;

import io.antpath.testkit.Schema;
import java.io.File;
import java.net.URISyntaxException;
import org.assertj.core.api.Assertions;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real antpath.war plus the test classes of an in-container test (and AssertJ for them). */
final class Deployments {
  private Deployments() {}

  static WebArchive antpathWith(Class<?>... testClasses) {
    try {
      return ShrinkWrap.createFromZipFile(
              WebArchive.class, new File(System.getProperty("antpath.war")))
          .addClasses(testClasses)
          .addClasses(PersistenceProbe.class, Schema.class, Deployments.class)
          .addAsLibraries(
              new File(
                  Assertions.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
