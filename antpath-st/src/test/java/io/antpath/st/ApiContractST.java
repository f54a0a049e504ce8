package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antpath.st.contract.ApiClient;
import io.antpath.st.contract.ApiException;
import io.antpath.st.contract.ApiResponse;
import io.antpath.st.contract.api.OutputsApi;
import io.antpath.st.contract.api.RunsApi;
import io.antpath.st.contract.api.ServiceApi;
import io.antpath.st.contract.api.TokensApi;
import io.antpath.st.contract.api.WorkspaceApi;
import io.antpath.st.contract.model.CreateTokenRequest;
import io.antpath.st.contract.model.CreatedTokenView;
import io.antpath.st.contract.model.OutputView;
import io.antpath.st.contract.model.RunPage;
import io.antpath.st.contract.model.RunSubmission;
import io.antpath.st.contract.model.RunSubmissionAgent;
import io.antpath.st.contract.model.RunSubmissionInput;
import io.antpath.st.contract.model.RunSubmissionSecrets;
import io.antpath.st.contract.model.RunView;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API contract, proved with a client generated from the committed document (docs/openapi.json,
 * by openapi-generator's default Java library with its validation on; see this module's pom): the
 * served document is the committed one, and the generated client drives every operation against the
 * real server through {@link ContractProxy}, which checks each request and answer (status, headers,
 * body) against the document.
 */
@ExtendWith(DemoStack.WithWorker.class)
class ApiContractST {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SNAPSHOT =
      Path.of(System.getProperty("antpath.repo.dir", ".."), "docs", "openapi.json");
  private static ContractProxy proxy;
  private final DemoStack stack = DemoStack.withWorker();

  @BeforeAll
  static void startProxy() throws Exception {
    proxy =
        ContractProxy.start(DemoStack.withWorker().server.baseUri(), Files.readString(SNAPSHOT));
  }

  @AfterAll
  static void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  /**
   * A change to the API changes the served document; the committed one (and so the generated
   * client) must follow it in the same commit. Run this test with {@code
   * -Dopenapi.snapshot.update=true} to write the served document over docs/openapi.json, then
   * review the diff.
   */
  @Test
  void theServedDocument_isTheCommittedOne() throws Exception {
    HttpResponse<String> served = openapi("?format=json", null);
    JsonNode doc = JSON.readTree(served.body());
    if (Boolean.getBoolean("openapi.snapshot.update")) {
      Files.writeString(SNAPSHOT, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    }
    assertThat(doc)
        .as(
            "/openapi differs from docs/openapi.json: rerun ApiContractST with"
                + " -Dopenapi.snapshot.update=true and commit the reviewed diff")
        .isEqualTo(JSON.readTree(SNAPSHOT.toFile()));
  }

  @Test
  void theDocument_isJsonOnRequest_withItsContentType() throws Exception {
    for (String[] ask : new String[][] {{"?format=json", null}, {"", "application/json"}}) {
      HttpResponse<String> r = openapi(ask[0], ask[1]);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
      assertThat(JSON.readTree(r.body()).get("openapi").asText()).startsWith("3.");
    }
  }

  @Test
  void theGeneratedClient_drivesEveryOperation_andEveryAnswerIsAsDocumented(@TempDir Path dir)
      throws Exception {
    ApiClient api = client(stack.demoToken);
    api.setTempFolderPath(dir.toString());
    RunsApi runs = new RunsApi(api);
    assertThat(new ServiceApi(api).getServiceInfo()).isNotNull();
    UUID workspace = new WorkspaceApi(api).getWorkspace().getId();

    tokens(api);

    String key = "idem-" + UUID.randomUUID();
    ApiResponse<RunView> created = runs.createRunWithHttpInfo(submission(), key);
    assertThat(created.getStatusCode()).isEqualTo(201);
    ApiResponse<RunView> replayed = runs.createRunWithHttpInfo(submission(), key);
    assertThat(replayed.getStatusCode()).isEqualTo(200);
    String id = created.getData().getId().toString();
    RunView done = terminal(runs, id);
    assertThat(done.getStatus()).isEqualTo(RunView.StatusEnum.SUCCEEDED);

    RunPage page = runs.listRuns(1, null, "succeeded", null, null, null);
    assertThat(page.getItems()).hasSize(1);
    if (page.getNextCursor() != null) {
      runs.listRuns(1, page.getNextCursor(), null, null, null, null);
    }
    assertThat(runs.listRunEvents(id, null, 5).getItems()).isNotEmpty();
    outputs(runs, new OutputsApi(api), workspace, id);

    assertThat(catchThrowableOfType(ApiException.class, () -> runs.cancelRun(id)).getCode())
        .as("cancel of a finished run")
        .isEqualTo(409);
    String queued = runs.createRun(submission(), null).getId().toString();
    assertThat(runs.cancelRun(queued).getCancelRequestedAt()).isNotNull();
    assertThat(runs.deleteRun(id).getDeleteRequestedAt()).isNotNull();
    assertThat(
            catchThrowableOfType(
                    ApiException.class, () -> runs.getRun(UUID.randomUUID().toString()))
                .getCode())
        .isEqualTo(404);
    assertThat(
            catchThrowableOfType(
                    ApiException.class, () -> new WorkspaceApi(client("apt_nope")).getWorkspace())
                .getCode())
        .isEqualTo(401);

    assertThat(proxy.violations()).as("answers that depart from the document").isEmpty();
    Set<String> operations =
        proxy.exercised().stream()
            .map(e -> e.substring(0, e.lastIndexOf(' ')))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(operations)
        .as("operations exercised")
        .containsAll(ContractProxy.documentedOperations(Files.readString(SNAPSHOT)));
  }

  private void tokens(ApiClient api) throws ApiException {
    TokensApi tokens = new TokensApi(api);
    CreatedTokenView created =
        tokens.createToken(new CreateTokenRequest().name("contract").scopes(List.of("runs:read")));
    assertThat(created.getToken()).startsWith("apt_");
    String id = created.getId().toString();
    assertThat(tokens.getToken(id).getName()).isEqualTo("contract");
    assertThat(tokens.listTokens().getItems()).anyMatch(t -> t.getId().toString().equals(id));
    tokens.revokeToken(id);
    assertThat(
            catchThrowableOfType(
                    ApiException.class,
                    () -> new WorkspaceApi(client(created.getToken())).getWorkspace())
                .getCode())
        .as("a revoked token")
        .isEqualTo(401);
  }

  private static void outputs(RunsApi runs, OutputsApi downloads, UUID workspace, String id)
      throws Exception {
    List<OutputView> outputs = runs.listRunOutputs(id).getOutputs();
    assertThat(outputs).extracting(OutputView::getFilename).contains("notes.md");
    OutputView notes =
        outputs.stream().filter(o -> o.getFilename().equals("notes.md")).findFirst().orElseThrow();
    String outputId = notes.getId().toString();
    URI link = URI.create(runs.createOutputLink(id, outputId).getUrl());
    Map<String, String> query =
        java.util.Arrays.stream(link.getRawQuery().split("&"))
            .map(p -> p.split("=", 2))
            .collect(Collectors.toMap(p -> p[0], p -> p[1]));
    long expires = Long.parseLong(query.get("expires"));
    String signature = query.get("signature");
    File whole = downloads.downloadOutput(workspace.toString(), outputId, expires, signature, null);
    assertThat(whole.length()).isEqualTo(notes.getSizeBytes());
    File part =
        downloads.downloadOutput(workspace.toString(), outputId, expires, signature, "bytes=0-9");
    assertThat(part.length()).isEqualTo(10);
    assertThat(
            catchThrowableOfType(
                    ApiException.class,
                    () ->
                        downloads.downloadOutput(
                            workspace.toString(), outputId, expires, signature, "bytes=999999-"))
                .getCode())
        .isEqualTo(416);
  }

  private static RunSubmission submission() {
    return new RunSubmission()
        .agent(new RunSubmissionAgent().model("claude-sonnet-4-5"))
        .input(new RunSubmissionInput("Write notes.md"))
        .timeoutSeconds(300)
        .metadata(Map.of("sim.step-ms", "20", "sim.files", "notes.md:300"))
        .secrets(
            new RunSubmissionSecrets().anthropicApiKey("sk-ant-contract-" + UUID.randomUUID()));
  }

  /** Waits for the run to end by following its event stream, which closes once it is terminal. */
  private static RunView terminal(RunsApi runs, String id) throws Exception {
    assertThat(runs.streamRunEvents(id, null, null)).contains("run.status");
    return runs.getRun(id);
  }

  private static ApiClient client(String token) {
    ApiClient api = new ApiClient();
    api.setBasePath(proxy.uri().toString());
    api.setBearerToken(token);
    api.setReadTimeout(60_000);
    return api;
  }

  private HttpResponse<String> openapi(String query, String accept) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(stack.server.baseUri().resolve("/openapi" + query))
            .timeout(Duration.ofSeconds(20));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
