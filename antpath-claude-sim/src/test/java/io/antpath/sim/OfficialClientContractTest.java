package io.antpath.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.beta.agents.AgentCreateParams;
import com.anthropic.models.beta.agents.BetaManagedAgentsAgent;
import com.anthropic.models.beta.agents.BetaManagedAgentsModel;
import com.anthropic.models.beta.environments.BetaEnvironment;
import com.anthropic.models.beta.environments.EnvironmentCreateParams;
import com.anthropic.models.beta.files.BetaFileMetadata;
import com.anthropic.models.beta.files.FileListParams;
import com.anthropic.models.beta.sessions.BetaManagedAgentsSession;
import com.anthropic.models.beta.sessions.SessionCreateParams;
import com.anthropic.models.beta.sessions.events.BetaManagedAgentsUserMessageEventParams;
import com.anthropic.models.beta.sessions.events.EventSendParams;
import com.anthropic.models.beta.vaults.VaultCreateParams;
import com.anthropic.models.beta.vaults.credentials.BetaManagedAgentsStaticBearerCreateParams;
import com.anthropic.models.beta.vaults.credentials.CredentialCreateParams;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's fidelity, judged from outside: the official {@code com.anthropic:anthropic-java}
 * client, pointed at the simulator, drives the whole flow antpath's driver uses and parses every
 * answer strictly ({@code validate()}). Where the official client cannot parse a response, the
 * simulator is wrong.
 */
class OfficialClientContractTest {
  private ClaudeSimulator sim;
  private AnthropicClient client;

  @BeforeEach
  void start() throws Exception {
    sim = ClaudeSimulator.start(0);
    client = client("sk-ant-contract-" + UUID.randomUUID());
  }

  private AnthropicClient client(String key) {
    return AnthropicOkHttpClient.builder()
        .apiKey(key)
        .baseUrl(sim.baseUri().toString())
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private BetaManagedAgentsSession session(String scenario, String files) {
    BetaManagedAgentsAgent agent =
        client
            .beta()
            .agents()
            .create(
                AgentCreateParams.builder()
                    .name("antpath-run-contract")
                    .model(BetaManagedAgentsModel.of("claude-sonnet-4-5"))
                    .system("Save deliverables under /mnt/session/outputs/.")
                    .build())
            .validate();
    assertThat(agent.id()).startsWith("agent_");
    BetaEnvironment env =
        client
            .beta()
            .environments()
            .create(EnvironmentCreateParams.builder().name("env-" + UUID.randomUUID()).build())
            .validate();
    assertThat(env.id()).startsWith("env_");
    SessionCreateParams.Metadata.Builder md =
        SessionCreateParams.Metadata.builder()
            .putAdditionalProperty("antpath.run", JsonValue.from("r-1"))
            .putAdditionalProperty("sim.scenario", JsonValue.from(scenario))
            .putAdditionalProperty("sim.step-ms", JsonValue.from("5"));
    if (files != null) {
      md.putAdditionalProperty("sim.files", JsonValue.from(files));
    }
    BetaManagedAgentsSession session =
        client
            .beta()
            .sessions()
            .create(
                SessionCreateParams.builder()
                    .agent(agent.id())
                    .environmentId(env.id())
                    .title("contract")
                    .metadata(md.build())
                    .build())
            .validate();
    assertThat(session.id()).startsWith("sesn_");
    return session;
  }

  private void sendPrompt(String sessionId) {
    client
        .beta()
        .sessions()
        .events()
        .send(
            sessionId,
            EventSendParams.builder()
                .addUserMessageEvent(
                    List.of(BetaManagedAgentsUserMessageEventParams.Content.ofText("Write files")))
                .build())
        .validate();
  }

  private String awaitIdle(String sessionId) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      BetaManagedAgentsSession s = client.beta().sessions().retrieve(sessionId).validate();
      String status = s.status().asString();
      if (!status.equals("running")) {
        return status;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("session did not become idle");
  }

  @Test
  void wholeFlow_createSendPollListEventsListAndDownloadFilesThenCleanUp() throws Exception {
    BetaManagedAgentsSession session = session("success", "a.txt:10,b.bin:70000,c.csv:0");
    sendPrompt(session.id());
    assertThat(awaitIdle(session.id())).isEqualTo("idle");

    List<String> types = new ArrayList<>();
    client
        .beta()
        .sessions()
        .events()
        .list(session.id())
        .autoPager()
        .forEach(
            e -> {
              e.validate();
              types.add(e.type().asString());
            });
    assertThat(types)
        .startsWith("user.message", "session.status_running")
        .contains("agent.message", "span.model_request_end")
        .endsWith("session.status_idle");

    List<BetaFileMetadata> outputs = new ArrayList<>();
    client
        .beta()
        .files()
        .list(FileListParams.builder().scopeId(session.id()).limit(2).build())
        .autoPager()
        .forEach(f -> outputs.add(f.validate()));
    assertThat(outputs)
        .extracting(BetaFileMetadata::filename)
        .containsExactlyInAnyOrder("a.txt", "b.bin", "c.csv");
    BetaFileMetadata big =
        outputs.stream().filter(f -> f.filename().equals("b.bin")).findFirst().orElseThrow();
    assertThat(big.sizeBytes()).isEqualTo(70000);
    try (HttpResponse response = client.beta().files().download(big.id());
        InputStream in = response.body()) {
      byte[] bytes = in.readAllBytes();
      assertThat(bytes).hasSize(70000);
      assertThat(bytes[65536]).isEqualTo(SimFiles.at(65536));
    }

    client.beta().files().delete(big.id()).validate();
    client.beta().sessions().archive(session.id()).validate();
    client.beta().sessions().delete(session.id()).validate();
    assertThatThrownBy(() -> client.beta().sessions().retrieve(session.id()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void vaultAndCredential_forMcp_neverEchoTheSecret() {
    var vault =
        client
            .beta()
            .vaults()
            .create(VaultCreateParams.builder().displayName("run r-1").build())
            .validate();
    var credential =
        client
            .beta()
            .vaults()
            .credentials()
            .create(
                vault.id(),
                CredentialCreateParams.builder()
                    .displayName("docs")
                    .auth(
                        BetaManagedAgentsStaticBearerCreateParams.builder()
                            .mcpServerUrl("https://mcp.example.com/mcp")
                            .token("mcp-secret-token")
                            .build())
                    .build())
            .validate();
    assertThat(credential.toString()).doesNotContain("mcp-secret-token");
    client
        .beta()
        .vaults()
        .credentials()
        .delete(
            credential.id(),
            com.anthropic.models.beta.vaults.credentials.CredentialDeleteParams.builder()
                .vaultId(vault.id())
                .build())
        .validate();
    client.beta().vaults().delete(vault.id()).validate();
  }

  @Test
  void keysAreChecked_andRevokeKeyStopsTheKeyMidRun() throws Exception {
    assertThatThrownBy(() -> client("not-a-key").beta().agents().list())
        .isInstanceOf(UnauthorizedException.class);
    BetaManagedAgentsSession session = session("revoke-key", null);
    sendPrompt(session.id());
    assertThatThrownBy(() -> client.beta().sessions().retrieve(session.id()))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void rateLimitScenario_answers429WithRetryAfter_thenRecovers() throws Exception {
    BetaManagedAgentsSession session = session("rate-limit", null);
    sendPrompt(session.id());
    for (int i = 0; i < Scenario.DISTURBED_CALLS; i++) {
      assertThatThrownBy(() -> client.beta().sessions().retrieve(session.id()))
          .isInstanceOfSatisfying(
              RateLimitException.class,
              e -> assertThat(e.headers().values("retry-after")).containsExactly("1"));
    }
    assertThat(awaitIdle(session.id())).isEqualTo("idle");
  }
}
