import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.run.DownloadedOutputs;
import io.antpath.sdk.run.McpServer;
import io.antpath.sdk.run.Run;
import io.antpath.sdk.run.RunCreateParams;
import io.antpath.sdk.run.RunSecrets;
import io.antpath.sdk.run.RunStatus;
import java.nio.file.Path;
import java.time.Duration;

public class SubmitAndDownloadExample {
  public static void main(String[] args) {
    // Base URL and token from the environment; ANTHROPIC_API_KEY becomes the default secrets.
    // Build one client and share it: it is immutable and thread-safe.
    AntpathClient client = AntpathClient.fromEnv();

    McpServer docs = McpServer.of("docs", "https://mcp.example.com/sse");
    RunSecrets secrets = RunSecrets.of(System.getenv("ANTHROPIC_API_KEY"))
        .withMcpBearer(docs, "docs-token-123");   // this run's secrets replace the default ones

    RunCreateParams params = RunCreateParams.builder()
        .model("claude-sonnet-4-5")                         // required
        .system("You are a careful technical writer.")
        .addMcpServer(docs)
        .input("Write hello.txt")                           // required (or inputBlocks(..))
        .timeout(Duration.ofMinutes(10))                    // default: the workspace's
        .putMetadata("team", "blue")                        // list runs by it later; no secrets here
        .build();
    Run run = client.runs().create(params, secrets);       // retried safely: one Idempotency-Key
    System.out.println("submitted " + run.id() + ", " + run.status());   // ..., queued

    // Every redacted event once, in order, as it happens, until the run is terminal.
    Run done = client.runs().followEvents(run.id(), Duration.ofMinutes(15),
        event -> System.out.println(event.type() + " " + event.data()));
    if (done.status() != RunStatus.SUCCEEDED) {
      System.out.println("ended " + done.status() + ": " + done.failureInfo().orElse(null));
      return;
    }

    // Each output under its name (names may hold folders), checked against its size and SHA-256.
    DownloadedOutputs outputs = client.runs().downloadAll(run.id(), Path.of("out", run.id()));
    outputs.files().forEach(file -> System.out.println("downloaded " + file));
    outputs.failures().forEach(f -> System.out.println("not captured: " + f.filename() + " " + f.reason()));
  }
}
