package io.antpath.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.sim.ClaudeSimulator;
import jakarta.json.Json;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exact provider requests a run makes (paths, headers without the key, bodies), compared with a
 * recorded, sanitized snapshot: MCP servers and their credentials, skills from the run and from its
 * secrets, environment, metadata and content blocks. Run with {@code
 * -Dantpath.update-snapshots=true} to rewrite the snapshot after a deliberate change, and review
 * the diff.
 */
class ProviderWiringIT {
  private static final Path SNAPSHOTS = Path.of("src/test/resources/wiring");
  private static final Pattern PROVIDER_ID =
      Pattern.compile("\\b(agent|env|vlt|vcrd|sesn|file)_[0-9a-f]{12}[A-Za-z0-9_-]+");
  private static WorkerFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new WorkerFixture("wiring");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void mcpSkillsAndEnvironment_areWiredExactlyAsRecorded_andSecretsGoOnlyWhereNeeded()
      throws Exception {
    String key = WorkerFixture.KEY + UUID.randomUUID();
    String docsToken = "mcp-docs-CANARY-" + UUID.randomUUID();
    String crmToken = "mcp-crm-CANARY-" + UUID.randomUUID();
    UUID run =
        f.run(
            f.workspace(),
            """
            {"model":"claude-sonnet-4-5","system":"Be brief.",
             "mcpServers":[{"name":"docs","url":"https://mcp.example.com/docs"},
                           {"name":"crm","url":"https://crm.example.com/mcp"}],
             "skills":[{"type":"anthropic","skill_id":"xlsx"}]}""",
            "{\"team\":\"blue\",\"sim.step-ms\":\"5\"}",
            600,
            "{\"anthropicApiKey\":\""
                + key
                + "\",\"mcpCredentials\":{\"docs\":{\"type\":\"bearer\",\"token\":\""
                + docsToken
                + "\"},\"crm\":{\"type\":\"oauth\",\"accessToken\":\""
                + crmToken
                + "\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}},"
                + "\"skills\":[{\"type\":\"custom\",\"skill_id\":\"skill_private1\",\"version\":\"3\"}]}");
    List<ClaudeSimulator.Request> requests;
    try (ClaudeSimulator.Recording recording = f.sim.record()) {
      f.claimAndDrive("wiring", run);
      requests = recording.requests();
    }
    assertThat(f.status(run)).isEqualTo("succeeded");

    // The key travels only as x-api-key; each MCP token only in its own credential request.
    for (ClaudeSimulator.Request r : requests) {
      assertThat(r.headers().get("x-api-key")).isEqualTo(key);
      assertThat(r.headers().keySet()).doesNotContain("authorization");
      assertThat(r.body() + r.target()).doesNotContain(key);
      boolean docsCredential = r.body().contains("https://mcp.example.com/docs\",\"type\"");
      boolean crmCredential = r.body().contains("https://crm.example.com/mcp\",\"type\"");
      assertThat(r.body().contains(docsToken)).as(r.target()).isEqualTo(docsCredential);
      assertThat(r.body().contains(crmToken)).as(r.target()).isEqualTo(crmCredential);
    }
    // Reads are only the session, its events and its output files; how often depends on timing,
    // so the snapshot holds the writes.
    for (ClaudeSimulator.Request r : requests) {
      if (r.method().equals("GET")) {
        assertThat(sanitize(r.target(), run, key, new LinkedHashMap<>()))
            .matches(
                "/v1/sessions/<sesn-1>(/events\\?limit=500(&page=[A-Za-z0-9_-]+)?)?"
                    + "|/v1/files\\?scope_id=<sesn-1>&limit=100"
                    + "|/v1/files/<file-\\d+>/content");
      }
    }
    Map<String, String> ids = new LinkedHashMap<>();
    StringBuilder actual = new StringBuilder();
    for (ClaudeSimulator.Request r : requests) {
      if (r.method().equals("GET")) {
        continue;
      }
      actual.append(r.method()).append(' ').append(r.target()).append('\n');
      r.headers().forEach((k, v) -> actual.append(k).append(": ").append(v).append('\n'));
      actual.append(pretty(r.body())).append("\n\n");
    }
    String text =
        sanitize(actual.toString(), run, key, ids)
            .replace(docsToken, "<docs-token>")
            .replace(crmToken, "<crm-token>");
    compare("mcp-and-skills.txt", text);
  }

  private static String pretty(String json) {
    if (json.isEmpty()) {
      return "(no body)";
    }
    StringWriter out = new StringWriter();
    try (JsonWriter w =
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
      w.write(Json.createReader(new StringReader(json)).readValue());
    }
    return out.toString().strip();
  }

  /** Replaces the run id, the key and provider ids (numbered in order of appearance). */
  private static String sanitize(String s, UUID run, String key, Map<String, String> ids) {
    s = s.replace(run.toString(), "<run>").replace(key, "<key>");
    Matcher m = PROVIDER_ID.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String kind = m.group(1);
      String name =
          ids.computeIfAbsent(
              m.group(),
              id ->
                  "<"
                      + kind
                      + "-"
                      + (ids.keySet().stream().filter(k -> k.startsWith(kind + "_")).count() + 1)
                      + ">");
      m.appendReplacement(out, Matcher.quoteReplacement(name));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void compare(String name, String actual) throws Exception {
    Path file = SNAPSHOTS.resolve(name);
    if (Boolean.getBoolean("antpath.update-snapshots")) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(file)
        .as("snapshot %s (rewrite with -Dantpath.update-snapshots=true)", file)
        .exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
