package io.antpath.sdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Not API: the SDK's version, from the build. */
public final class Version {
  /** This SDK's version, e.g. {@code 0.2.0}; {@code unknown} outside a built jar. */
  public static final String SDK = read();

  private Version() {}

  private static String read() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("sdk.version", "unknown");
      return v.startsWith("$") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
