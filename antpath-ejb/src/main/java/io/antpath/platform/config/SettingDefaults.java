package io.antpath.platform.config;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Serves the defaults of the {@link Setting} catalogue to MicroProfile Config with the lowest
 * ordinal, so {@code @ConfigProperty} injection points need no {@code defaultValue} of their own
 * and a default is written in exactly one place. Registered through {@code META-INF/services}.
 */
public final class SettingDefaults implements ConfigSource {
  private static final Map<String, String> DEFAULTS = new TreeMap<>();

  static {
    for (Setting s : EnumSet.allOf(Setting.class)) {
      s.defaultValue().ifPresent(v -> DEFAULTS.put(s.key(), v));
    }
  }

  @Override
  public Set<String> getPropertyNames() {
    return DEFAULTS.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return DEFAULTS.get(propertyName);
  }

  @Override
  public String getName() {
    return "antpath-setting-defaults";
  }

  @Override
  public int getOrdinal() {
    return 1;
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.copyOf(DEFAULTS);
  }
}
