package io.antpath.platform.config;

/** One bad configuration value, worded as the single line an operator reads in the log. */
public record ConfigProblem(String key, String envVar, String message) {

  static ConfigProblem of(Setting setting, String message) {
    return new ConfigProblem(setting.key(), setting.envVar(), message);
  }

  @Override
  public String toString() {
    return "antpath configuration error: " + envVar + " (" + key + ") " + message;
  }
}
