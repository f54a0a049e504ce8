package io.antpath.sdk.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to run: agent, prompt, limits and metadata. Secrets come separately (per call or client
 * default).
 */
public final class RunCreateParams {
  private final Map<String, Object> body;

  private RunCreateParams(Map<String, Object> body) {
    this.body = body;
  }

  public static Builder builder() {
    return new Builder();
  }

  Map<String, Object> body(RunSecrets secrets) {
    Map<String, Object> json = new LinkedHashMap<>(body);
    json.put("secrets", secrets.toJson());
    return json;
  }

  @Override
  public String toString() {
    return "RunCreateParams" + body.keySet();
  }

  /** Builder; {@code model} and {@code input} are required. */
  public static final class Builder {
    private String model;
    private String system;
    private final List<Map<String, String>> mcpServers = new ArrayList<>();
    private Object input;
    private Integer timeoutSeconds;
    private boolean retainSession;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder system(String system) {
      this.system = system;
      return this;
    }

    public Builder mcpServer(String name, String url) {
      mcpServers.add(Map.of("name", name, "url", url));
      return this;
    }

    public Builder input(String prompt) {
      this.input = prompt;
      return this;
    }

    public Builder timeoutSeconds(int seconds) {
      this.timeoutSeconds = seconds;
      return this;
    }

    /** Keep the Claude session after the run (default: delete it). */
    public Builder retainClaudeSession(boolean retain) {
      this.retainSession = retain;
      return this;
    }

    public Builder putMetadata(String key, String value) {
      metadata.put(key, value);
      return this;
    }

    public RunCreateParams build() {
      Map<String, Object> agent = new LinkedHashMap<>();
      agent.put("model", Objects.requireNonNull(model, "model is required"));
      Optional.ofNullable(system).ifPresent(s -> agent.put("system", s));
      if (!mcpServers.isEmpty()) {
        agent.put("mcpServers", List.copyOf(mcpServers));
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("agent", agent);
      body.put("input", Objects.requireNonNull(input, "input is required"));
      Optional.ofNullable(timeoutSeconds).ifPresent(t -> body.put("timeoutSeconds", t));
      if (retainSession) {
        body.put("cleanup", Map.of("claudeSession", "retain"));
      }
      if (!metadata.isEmpty()) {
        body.put("metadata", Map.copyOf(metadata));
      }
      return new RunCreateParams(body);
    }
  }
}
