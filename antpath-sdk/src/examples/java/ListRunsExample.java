import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.run.Run;
import io.antpath.sdk.run.RunListParams;
import io.antpath.sdk.run.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

public class ListRunsExample {
  public static void main(String[] args) {
    AntpathClient client = AntpathClient.fromEnv();

    RunListParams params = RunListParams.builder()
        .metadata("team", "blue")                                  // runs with team=blue
        .createdFrom(Instant.now().minus(Duration.ofDays(30)))     // and createdBefore(..)
        .limit(100)                                                // per page: 1-100
        .build();
    List<Run> last200 = client.runs().list(params).stream().limit(200).toList();   // newest first
    for (Run run : last200) {
      System.out.println(run.id() + " " + run.status() + " " + run.createdAt() + " " + run.metadata());
    }
    System.out.println(last200.size() + " runs of team blue");

    // Only the live ones of them: add a status. Cancel is asynchronous (a running run keeps its
    // status with cancelRequestedAt set until its worker stops it); cancelAndWait waits for that.
    RunListParams running = params.toBuilder().status(RunStatus.RUNNING).build();
    client.runs().list(running).stream().limit(200)
        .forEach(run -> client.runs().cancelAndWait(run.id(), Duration.ofMinutes(1)));
  }
}
