package io.antpath.web.platform;

import io.antpath.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives the Arquillian-managed Payara Micro a database and vault key of its own for this test run:
 * created before any test starts the container (arquillian.xml reads them as system properties) and
 * dropped when the run ends. Active only where Failsafe sets {@code arquillian.launch}.
 */
public class ArquillianDatabase implements LauncherSessionListener {
  private TestDatabase db;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty("arquillian.launch") == null || db != null) {
      return;
    }
    db = TestDatabase.create("arquillian");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    System.setProperty("antpath.it.db.url", db.url());
    System.setProperty(
        "antpath.it.vault.keys", "dev-it:" + Base64.getEncoder().encodeToString(key));
    System.setProperty("antpath.it.run.id", UUID.randomUUID().toString());
    try {
      System.setProperty(
          "antpath.it.storage.dir", Files.createTempDirectory("antpath-it-").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (db != null) {
      db.close();
      db = null;
    }
  }
}
