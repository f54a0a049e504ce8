package io.antpath.web.run;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.InvalidRequestException;
import io.antpath.platform.DomainException;
import io.antpath.run.boundary.Runs;
import io.antpath.web.dashboard.Ui;
import io.antpath.workspace.boundary.Workspaces;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.SecurityContext;
import java.io.StringReader;
import java.util.Map;
import java.util.UUID;

/**
 * Submitting a run from the browser ({@code /app/w/{slug}/runs/new}). The form builds the same JSON
 * body as the API and hands it to {@link Runs#submit}, so validation, caps and idempotency are the
 * API's. The secrets (the Anthropic API key and MCP bearer tokens) are plain password inputs read
 * from the request once: they are no Faces component, so they never enter the view state, are never
 * rendered back, and this request-scoped bean does not keep them.
 */
@Named
@RequestScoped
public class RunSubmit {
  static final String API_KEY = "apiKey";
  static final String MCP_TOKENS = "mcpTokens";

  @Inject Workspaces workspaces;
  @Inject Runs runs;
  @Inject SecurityContext security;

  private String slug;
  private Caller caller;
  private String model = "claude-sonnet-4-5";
  private String system;
  private String input;
  private String tools;
  private String mcpServers;
  private String skills;
  private Integer timeoutSeconds;
  private boolean retainSession;
  private String metadata;
  private String idempotencyKey;

  @PostConstruct
  void load() {
    slug = Ui.param("ws");
    caller = workspaces.memberCaller(Ui.currentUserId(security), slug, Ui.clientAddress(), null);
  }

  public boolean isAllowed() {
    return AccessPolicy.permits(caller, Action.RUNS_WRITE);
  }

  public void submit() {
    String apiKey = Ui.param(API_KEY);
    if (apiKey == null || apiKey.isBlank()) {
      field(
          "apiKeyMessage",
          "Enter the Anthropic API key the run uses (it is kept only while the run lives).");
      return;
    }
    Runs.Submission submission;
    try {
      submission = runs.submit(caller, body(apiKey.trim(), Ui.param(MCP_TOKENS)), idempotencyKey);
    } catch (InvalidRequestException e) {
      field(fieldOf(e.getMessage()), e.getMessage());
      return;
    } catch (DomainException e) {
      Ui.error(e.getMessage());
      return;
    }
    Ui.info("Run submitted.");
    Ui.redirect(Ui.runAddress(slug, submission.run().getId()));
  }

  private jakarta.json.JsonObject body(String apiKey, String mcpTokens) {
    JsonObjectBuilder agent =
        Json.createObjectBuilder().add("model", model == null ? "" : model.trim());
    if (system != null && !system.isBlank()) {
      agent.add("system", system);
    }
    if (tools != null && !tools.isBlank()) {
      agent.add("tools", json("agent.tools", tools));
    }
    JsonArrayBuilder servers = Json.createArrayBuilder();
    for (String[] p :
        pairs(mcpServers, "\\s+", "agent.mcpServers: one 'name https://url' per line")) {
      servers.add(Json.createObjectBuilder().add("name", p[0]).add("url", p[1]));
    }
    if (mcpServers != null && !mcpServers.isBlank()) {
      agent.add("mcpServers", servers);
    }
    if (skills != null && !skills.isBlank()) {
      JsonArrayBuilder list = Json.createArrayBuilder();
      for (String line : skills.strip().split("\\R")) {
        String[] p = line.trim().split(":");
        if (p.length < 2) {
          throw new InvalidRequestException("agent.skills: one 'type:skill_id[:version]' per line");
        }
        JsonObjectBuilder s = Json.createObjectBuilder().add("type", p[0]).add("skill_id", p[1]);
        if (p.length > 2) {
          s.add("version", p[2]);
        }
        list.add(s);
      }
      agent.add("skills", list);
    }
    JsonObjectBuilder body =
        Json.createObjectBuilder().add("agent", agent).add("input", input == null ? "" : input);
    if (timeoutSeconds != null) {
      body.add("timeoutSeconds", timeoutSeconds);
    }
    body.add(
        "cleanup",
        Json.createObjectBuilder().add("claudeSession", retainSession ? "retain" : "delete"));
    JsonObjectBuilder meta = Json.createObjectBuilder();
    for (String[] p : pairs(metadata, "=", "metadata: one key=value per line")) {
      meta.add(p[0], p[1]);
    }
    body.add("metadata", meta);
    JsonObjectBuilder secrets = Json.createObjectBuilder().add("anthropicApiKey", apiKey);
    if (mcpTokens != null && !mcpTokens.isBlank()) {
      JsonObjectBuilder credentials = Json.createObjectBuilder();
      for (String entry : mcpTokens.split(",")) {
        int eq = entry.indexOf('=');
        if (eq < 1) {
          // Never echo the entry: it holds a secret.
          throw new InvalidRequestException(
              "secrets.mcpCredentials: write name=token, separated by commas");
        }
        credentials.add(
            entry.substring(0, eq).trim(),
            Json.createObjectBuilder()
                .add("type", "bearer")
                .add("token", entry.substring(eq + 1).trim()));
      }
      secrets.add("mcpCredentials", credentials);
    }
    return body.add("secrets", secrets).build();
  }

  private static JsonValue json(String field, String text) {
    try {
      return Json.createReader(new StringReader(text)).readValue();
    } catch (jakarta.json.JsonException e) {
      throw new InvalidRequestException(field + ": not valid JSON");
    }
  }

  private static java.util.List<String[]> pairs(String text, String separator, String problem) {
    java.util.List<String[]> out = new java.util.ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String line : text.strip().split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String[] p = line.trim().split(separator, 2);
      if (p.length != 2) {
        throw new InvalidRequestException(problem);
      }
      out.add(new String[] {p[0].trim(), p[1].trim()});
    }
    return out;
  }

  private static final Map<String, String> FIELDS =
      Map.ofEntries(
          Map.entry("agent.model", "model"),
          Map.entry("agent.system", "system"),
          Map.entry("agent.tools", "tools"),
          Map.entry("agent.mcpServers", "mcp"),
          Map.entry("agent.skills", "skills"),
          Map.entry("input", "input"),
          Map.entry("timeoutSeconds", "timeout"),
          Map.entry("cleanup", "retain"),
          Map.entry("metadata", "metadata"),
          Map.entry("secrets.anthropicApiKey", "apiKeyMessage"),
          Map.entry("secrets.mcpCredentials", "mcpTokensMessage"),
          Map.entry("secrets.skills", "skills"));

  /** The form field an API validation message is about ("agent.model: ..." is the model field). */
  static String fieldOf(String message) {
    String path = message == null ? "" : message.split("[:\\[ ]", 2)[0];
    for (String prefix = path; !prefix.isEmpty(); ) {
      if (FIELDS.containsKey(prefix)) {
        return FIELDS.get(prefix);
      }
      int dot = prefix.lastIndexOf('.');
      prefix = dot < 0 ? "" : prefix.substring(0, dot);
    }
    return null;
  }

  private static void field(String id, String text) {
    FacesContext.getCurrentInstance()
        .addMessage(
            id == null ? null : "submit:" + id,
            new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    FacesContext.getCurrentInstance().validationFailed();
  }

  public String getIdempotencyKey() {
    if (idempotencyKey == null) {
      idempotencyKey = "dashboard-" + UUID.randomUUID();
    }
    return idempotencyKey;
  }

  public void setIdempotencyKey(String idempotencyKey) {
    this.idempotencyKey = idempotencyKey;
  }

  public String getSlug() {
    return slug;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getSystem() {
    return system;
  }

  public void setSystem(String system) {
    this.system = system;
  }

  public String getInput() {
    return input;
  }

  public void setInput(String input) {
    this.input = input;
  }

  public String getTools() {
    return tools;
  }

  public void setTools(String tools) {
    this.tools = tools;
  }

  public String getMcpServers() {
    return mcpServers;
  }

  public void setMcpServers(String mcpServers) {
    this.mcpServers = mcpServers;
  }

  public String getSkills() {
    return skills;
  }

  public void setSkills(String skills) {
    this.skills = skills;
  }

  public Integer getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public void setTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  public boolean isRetainSession() {
    return retainSession;
  }

  public void setRetainSession(boolean retainSession) {
    this.retainSession = retainSession;
  }

  public String getMetadata() {
    return metadata;
  }

  public void setMetadata(String metadata) {
    this.metadata = metadata;
  }
}
