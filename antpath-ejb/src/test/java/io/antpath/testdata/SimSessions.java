package io.antpath.testdata;

import io.antpath.provider.control.ClaudeApi;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Simulator sessions made directly through the Claude API client, for capture tests. */
public final class SimSessions {
  private SimSessions() {}

  /**
   * A session that ran its turn to the end and wrote the files its {@code metadata} describes
   * ({@code sim.files}, ...); {@code sim.step-ms} is 1 unless given.
   *
   * @throws IllegalStateException when it has not finished within {@code timeout}
   */
  public static String finished(
      ClaudeApi api, String key, Map<String, String> metadata, Duration timeout)
      throws InterruptedException {
    String agent =
        api.createAgent(
            key,
            Json.createObjectBuilder().add("name", "a").add("model", "claude-sonnet-4-5").build(),
            "unused-marker");
    String env =
        api.createEnvironment(
            key,
            Json.createObjectBuilder()
                .add("name", "e-" + UUID.randomUUID())
                .add("config", Json.createObjectBuilder().add("type", "cloud"))
                .build(),
            "unused-marker");
    JsonObjectBuilder md = Json.createObjectBuilder();
    if (!metadata.containsKey("sim.step-ms")) {
      md.add("sim.step-ms", "1");
    }
    metadata.forEach(md::add);
    String session =
        api.createSession(
            key,
            Json.createObjectBuilder()
                .add("agent", agent)
                .add("environment_id", env)
                .add("metadata", md)
                .build(),
            "unused-marker");
    api.sendEvents(
        key,
        session,
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("type", "user.message")
                    .add(
                        "content",
                        Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("type", "text").add("text", "go"))))
            .build());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (api.events(key, session).stream()
        .noneMatch(e -> e.getString("type").equals("session.status_idle"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("session " + session + " did not finish in " + timeout);
      }
      Thread.sleep(10);
    }
    return session;
  }
}
