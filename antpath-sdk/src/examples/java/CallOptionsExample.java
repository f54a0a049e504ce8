import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.RawResponse;
import io.antpath.sdk.RequestOptions;
import io.antpath.sdk.errors.AntpathServiceException;
import io.antpath.sdk.errors.IdempotencyConflictException;
import io.antpath.sdk.run.Run;
import io.antpath.sdk.run.RunCreateParams;
import java.time.Duration;
import java.util.UUID;

public class CallOptionsExample {
  public static void main(String[] args) {
    AntpathClient client = AntpathClient.builder()
        .fromEnv()                                  // then override what you need
        .timeout(Duration.ofSeconds(30))            // per HTTP attempt
        .maxRetries(2)                              // 408, 429, 5xx and connection failures
        .retryListener((attempt, status, delay, method, path) ->   // never sees secrets
            System.err.printf("retry %d after %s (%d %s %s)%n", attempt, delay, status, method, path))
        .build();
    RunCreateParams params = RunCreateParams.builder()
        .model("claude-sonnet-4-5").input("Write hello.txt").build();

    // One call's options: its idempotency key (else a fresh one per call), timeout, retries, headers.
    RequestOptions once = RequestOptions.builder()
        .idempotencyKey("order-" + UUID.randomUUID())
        .timeout(Duration.ofSeconds(10))
        .maxRetries(5)
        .putHeader("X-Request-Id", "myapp-" + UUID.randomUUID())
        .build();
    // withRawResponse(): the HTTP status, headers and request id with the parsed value.
    RawResponse<Run> first = client.runs().withRawResponse().create(params, null, once);
    RawResponse<Run> replay = client.runs().withRawResponse().create(params, null, once);
    System.out.println(first.statusCode() + " then " + replay.statusCode()
        + ", same run: " + first.parse().id().equals(replay.parse().id()));   // 201 then 200, same run: true
    System.out.println("request id " + first.requestId().orElse("-"));

    // Errors are unchecked, one type per outcome, with status, code and request id.
    try {
      client.runs().create(params.toBuilder().input("Something else").build(), once);
    } catch (IdempotencyConflictException e) {                  // same key, another body
      System.out.println(e.statusCode() + " " + e.errorCode());   // 409 idempotency_conflict
    } catch (AntpathServiceException e) {
      System.out.println("failed: " + e.getMessage());
    }

    // A client with other defaults that shares this one's connections, token and secrets.
    AntpathClient patient = client.withOptions(o -> o.timeout(Duration.ofMinutes(2)).maxRetries(0));
    Run ended = patient.runs().cancelAndWait(first.parse().id(), Duration.ofMinutes(1));
    System.out.println("terminal: " + ended.isTerminal());     // terminal: true
  }
}
