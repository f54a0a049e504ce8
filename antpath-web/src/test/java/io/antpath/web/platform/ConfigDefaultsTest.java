package io.antpath.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.platform.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The application's {@code META-INF/microprofile-config.properties} is where MicroProfile Config
 * finds antpath's defaults in every packaging (WAR, uber-jar, EAR); it must say exactly what the
 * {@link Setting} catalogue says, and lose to every other config source.
 */
class ConfigDefaultsTest {
  private static Properties file() throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        ConfigDefaultsTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      assertThat(in).as("META-INF/microprofile-config.properties on the class path").isNotNull();
      p.load(in);
    }
    return p;
  }

  @Test
  void antpathDefaults_areExactlyTheSettingCatalogueDefaults() throws IOException {
    Map<String, String> inFile = new LinkedHashMap<>();
    file().forEach((k, v) -> inFile.put((String) k, (String) v));
    inFile.keySet().removeIf(k -> !k.startsWith("antpath."));
    Map<String, String> catalogue = new LinkedHashMap<>();
    for (Setting s : Setting.values()) {
      s.defaultValue().ifPresent(d -> catalogue.put(s.key(), d));
    }
    assertThat(inFile).containsExactlyInAnyOrderEntriesOf(catalogue);
  }

  @Test
  void defaults_haveTheLowestPriority() throws IOException {
    // Environment variables (300), system properties (400) and Payara's own sources (>= 100).
    assertThat(file().getProperty("config_ordinal")).isEqualTo("1");
  }

  @Test
  void openApiFilter_namesTheFilterClass() throws IOException {
    assertThat(file().getProperty("mp.openapi.filter")).isEqualTo(ApiDocsFilter.class.getName());
  }
}
