package io.antpath.sdk.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to run: agent (model, system prompt, tools, MCP servers, skills), environment, input,
 * limits, cleanup and metadata. Secrets are not part of it: they come per call or from the client
 * ({@link RunSecrets}). Immutable; {@link #toBuilder()} to derive another.
 *
 * <pre>{@code
 * McpServer docs = McpServer.of("docs", "https://mcp.example.com/sse");
 * RunCreateParams params = RunCreateParams.builder()
 *     .model("claude-sonnet-4-5")
 *     .system("You are a careful technical writer.")
 *     .addMcpServer(docs)
 *     .input("Write hello.txt")
 *     .timeout(Duration.ofMinutes(10))
 *     .putMetadata("team", "blue")
 *     .build();
 * }</pre>
 */
public final class RunCreateParams {
  private final String model;
  private final String system;
  private final List<McpServer> mcpServers;
  private final List<Map<String, Object>> tools;
  private final List<Skill> skills;
  private final Map<String, Object> environment;
  private final Object input;
  private final Integer timeoutSeconds;
  private final boolean retainClaudeSession;
  private final Map<String, String> metadata;
  private final Map<String, Object> additionalBodyProperties;

  private RunCreateParams(Builder b) {
    this.model = b.model;
    this.system = b.system;
    this.mcpServers = List.copyOf(b.mcpServers);
    this.tools = List.copyOf(b.tools);
    this.skills = List.copyOf(b.skills);
    this.environment = b.environment;
    this.input = b.input;
    this.timeoutSeconds = b.timeoutSeconds;
    this.retainClaudeSession = b.retainClaudeSession;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    this.additionalBodyProperties =
        Collections.unmodifiableMap(new LinkedHashMap<>(b.additionalBodyProperties));
  }

  /**
   * A new builder; {@code model} and {@code input} are required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these params, to derive others.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.system = system;
    b.mcpServers.addAll(mcpServers);
    b.tools.addAll(tools);
    b.skills.addAll(skills);
    b.environment = environment;
    b.input = input;
    b.timeoutSeconds = timeoutSeconds;
    b.retainClaudeSession = retainClaudeSession;
    b.metadata.putAll(metadata);
    b.additionalBodyProperties.putAll(additionalBodyProperties);
    return b;
  }

  /**
   * The Claude model.
   *
   * @return the model id
   */
  public String model() {
    return model;
  }

  /**
   * The system prompt.
   *
   * @return the system prompt, when set
   */
  public Optional<String> system() {
    return Optional.ofNullable(system);
  }

  /**
   * The MCP servers the agent may call.
   *
   * @return the servers, in order
   */
  public List<McpServer> mcpServers() {
    return mcpServers;
  }

  /**
   * The time limit.
   *
   * @return the seconds, when set (else the workspace default applies)
   */
  public OptionalInt timeoutSeconds() {
    return timeoutSeconds == null ? OptionalInt.empty() : OptionalInt.of(timeoutSeconds);
  }

  /**
   * The metadata.
   *
   * @return the entries, unmodifiable
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  Map<String, Object> body(RunSecrets secrets) {
    Map<String, Object> agent = new LinkedHashMap<>();
    agent.put("model", model);
    if (system != null) {
      agent.put("system", system);
    }
    if (!tools.isEmpty()) {
      agent.put("tools", tools);
    }
    if (!mcpServers.isEmpty()) {
      agent.put("mcpServers", mcpServers.stream().map(RunCreateParams::json).toList());
    }
    if (!skills.isEmpty()) {
      agent.put("skills", skills.stream().map(Skill::toJson).toList());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agent", agent);
    if (environment != null) {
      body.put("environment", environment);
    }
    body.put("input", input);
    if (timeoutSeconds != null) {
      body.put("timeoutSeconds", timeoutSeconds);
    }
    if (retainClaudeSession) {
      body.put("cleanup", Map.of("claudeSession", "retain"));
    }
    if (!metadata.isEmpty()) {
      body.put("metadata", metadata);
    }
    body.putAll(additionalBodyProperties);
    body.put("secrets", secrets.toJson());
    return body;
  }

  private static Map<String, Object> json(McpServer server) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", server.name());
    json.put("url", server.url());
    return json;
  }

  @Override
  public String toString() {
    // Never the prompt or metadata values: they may hold what their authors consider private.
    return "RunCreateParams[model="
        + model
        + ", mcpServers="
        + mcpServers.stream().map(McpServer::name).toList()
        + ", timeoutSeconds="
        + timeoutSeconds
        + ", metadata="
        + metadata.keySet()
        + "]";
  }

  /** Builder for {@link RunCreateParams}; {@code model} and {@code input} are required. */
  public static final class Builder {
    private String model;
    private String system;
    private final List<McpServer> mcpServers = new ArrayList<>();
    private final List<Map<String, Object>> tools = new ArrayList<>();
    private final List<Skill> skills = new ArrayList<>();
    private Map<String, Object> environment;
    private Object input;
    private Integer timeoutSeconds;
    private boolean retainClaudeSession;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, Object> additionalBodyProperties = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The Claude model (required).
     *
     * @param model e.g. {@code claude-sonnet-4-5}
     * @return this builder
     */
    public Builder model(String model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * The agent's system prompt (at most 200 000 characters).
     *
     * @param system the system prompt
     * @return this builder
     */
    public Builder system(String system) {
      this.system = Objects.requireNonNull(system, "system");
      return this;
    }

    /**
     * Adds an MCP server the agent may call; its credential goes in {@link
     * RunSecrets#withMcpCredential} with the same object.
     *
     * @param server the server; names must be unique
     * @return this builder
     */
    public Builder addMcpServer(McpServer server) {
      Objects.requireNonNull(server, "server");
      if (mcpServers.stream().anyMatch(s -> s.name().equals(server.name()))) {
        throw new IllegalArgumentException("duplicate MCP server name '" + server.name() + "'");
      }
      mcpServers.add(server);
      return this;
    }

    /**
     * Adds a tool as the Claude API describes it, e.g. {@code Map.of("type",
     * "agent_toolset_20260401")} or {@code Map.of("type", "mcp_toolset", "mcp_server_name",
     * "docs")}.
     *
     * @param tool the tool definition, as JSON values
     * @return this builder
     */
    public Builder addTool(Map<String, Object> tool) {
      tools.add(Collections.unmodifiableMap(new LinkedHashMap<>(tool)));
      return this;
    }

    /**
     * Adds a skill reference that may be stored with the run (private ones go in {@link
     * RunSecrets#withSkill}).
     *
     * @param skill the skill
     * @return this builder
     */
    public Builder addSkill(Skill skill) {
      skills.add(Objects.requireNonNull(skill, "skill"));
      return this;
    }

    /**
     * The session's environment ({@code networking}, {@code packages}) as the Claude API describes
     * it.
     *
     * @param environment the environment, as JSON values
     * @return this builder
     */
    public Builder environment(Map<String, Object> environment) {
      this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
      return this;
    }

    /**
     * The prompt as text (required, unless content blocks are given; at most 1 MB).
     *
     * @param prompt the prompt
     * @return this builder
     */
    public Builder input(String prompt) {
      Objects.requireNonNull(prompt, "prompt");
      if (prompt.isBlank()) {
        throw new IllegalArgumentException("input must not be blank");
      }
      this.input = prompt;
      return this;
    }

    /**
     * The prompt as content blocks as the Claude API describes them, e.g. {@code
     * List.of(Map.of("type", "text", "text", "Summarise the attached notes"))}.
     *
     * @param blocks a non-empty list of blocks, as JSON values
     * @return this builder
     */
    public Builder inputBlocks(List<Map<String, Object>> blocks) {
      if (blocks.isEmpty()) {
        throw new IllegalArgumentException("input blocks must not be empty");
      }
      this.input = List.copyOf(blocks);
      return this;
    }

    /**
     * The time limit in whole seconds (1 up to the workspace's maximum; default: the workspace's).
     *
     * @param seconds the limit
     * @return this builder
     */
    public Builder timeoutSeconds(int seconds) {
      if (seconds < 1) {
        throw new IllegalArgumentException("timeoutSeconds must be at least 1");
      }
      this.timeoutSeconds = seconds;
      return this;
    }

    /**
     * The time limit, rounded up to whole seconds.
     *
     * @param timeout the limit
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      long seconds = timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0);
      return timeoutSeconds((int) Math.min(Integer.MAX_VALUE, seconds));
    }

    /**
     * Keep the Claude session after the run ({@code cleanup.claudeSession = retain}) so it can be
     * inspected in the Claude console; by default antpath deletes it.
     *
     * @param retain true to keep it
     * @return this builder
     */
    public Builder retainClaudeSession(boolean retain) {
      this.retainClaudeSession = retain;
      return this;
    }

    /**
     * Adds a metadata entry (at most 16; keys 1-64 of {@code A-Z a-z 0-9 . _ -}, values up to 512
     * characters). Runs can be listed by one entry ({@link RunListParams.Builder#metadata}). Not
     * for secrets: metadata is stored and shown.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder putMetadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds a top-level body field this SDK does not know yet (it replaces a known one of the same
     * name). The server refuses fields it does not know either.
     *
     * @param key the field name
     * @param value its value, as JSON values (String, Number, Boolean, List, Map)
     * @return this builder
     */
    public Builder putAdditionalBodyProperty(String key, Object value) {
      if ("secrets".equals(key)) {
        throw new IllegalArgumentException("secrets go in RunSecrets, not in the params");
      }
      additionalBodyProperties.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    /**
     * The params.
     *
     * @return immutable params
     * @throws NullPointerException when {@code model} or {@code input} is missing
     */
    public RunCreateParams build() {
      Objects.requireNonNull(model, "model is required");
      Objects.requireNonNull(input, "input is required");
      return new RunCreateParams(this);
    }
  }
}
