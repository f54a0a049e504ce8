package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.run.Run;
import io.antpath.sdk.run.RunCreateParams;
import io.antpath.sdk.run.RunOutputs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A server whose output storage is S3: capture, presigned links, and deletion of the objects. */
@ExtendWith(DemoStack.WithS3.class)
class S3OutputsST {
  private final DemoStack stack = DemoStack.withS3();

  @Test
  void outputsGoToS3_downloadThroughPresignedLinks_andGoWithTheRun(@TempDir Path dir)
      throws Exception {
    AntpathClient client = stack.client("sk-ant-s3-" + UUID.randomUUID());
    Run run =
        client
            .runs()
            .create(
                RunCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .input("x")
                    .putMetadata("sim.step-ms", "20")
                    .putMetadata("sim.files", "big.bin:9000000,notes.txt:300")
                    .build());
    assertThat(client.runs().waitForCompletion(run.id(), Duration.ofSeconds(60)).status().value())
        .isEqualTo("succeeded");
    RunOutputs outputs = client.runs().outputs(run.id());
    assertThat(outputs.outputs()).hasSize(2);
    String s3 = "http://127.0.0.1:" + stack.s3.getHttpPort() + "/";
    String lastUrl = null;
    for (RunOutputs.Output o : outputs.outputs()) {
      String url = client.runs().createLink(run.id(), o.id()).url();
      assertThat(url).startsWith(s3 + "outputs/").contains("X-Amz-Signature=");
      lastUrl = url;
      Path target = dir.resolve(o.filename());
      assertThat(client.runs().download(run.id(), o.id(), target)).isEqualTo(o.sizeBytes());
      assertThat(
              HexFormat.of()
                  .formatHex(
                      MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(target))))
          .isEqualTo(o.sha256());
    }

    client.runs().delete(run.id());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    HttpClient http = HttpClient.newHttpClient();
    while (http.send(
                HttpRequest.newBuilder(URI.create(lastUrl)).build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode()
        == 200) {
      assertThat(System.nanoTime()).as("object deleted with the run").isLessThan(deadline);
      Thread.sleep(200);
    }
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(() -> client.runs().retrieve(run.id())))
        .isInstanceOf(io.antpath.sdk.errors.NotFoundException.class);
  }

  /**
   * The dashboard's Download is a link whose answer redirects to the S3 endpoint's presigned URL:
   * the page's CSP (form-action 'self') must not stop it, so the file arrives in the browser.
   */
  @Test
  void theDashboardDownloadsAnS3OutputThroughItsPresignedLink() throws Exception {
    AntpathClient client = stack.client("sk-ant-s3-" + UUID.randomUUID());
    Run run =
        client
            .runs()
            .create(
                RunCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .input("x")
                    .putMetadata("sim.step-ms", "20")
                    .putMetadata("sim.files", "notes.txt:300")
                    .build());
    assertThat(client.runs().waitForCompletion(run.id(), Duration.ofSeconds(60)).status().value())
        .isEqualTo("succeeded");
    try (Browser browser = new Browser()) {
      browser.driver.get(stack.server.baseUri().resolve("/login.xhtml").toString());
      browser.signIn("demo@antpath.local", "demo-password-1");
      browser.waitFor(org.openqa.selenium.By.id("workspaces"));
      browser.driver.get(stack.server.baseUri().resolve("/app/w/demo/runs/" + run.id()).toString());
      browser.waitFor(org.openqa.selenium.By.cssSelector("#outputList a.download")).click();
      Path file = browser.downloads.resolve("notes.txt");
      new org.openqa.selenium.support.ui.FluentWait<>(file)
          .withTimeout(Duration.ofSeconds(20))
          .pollingEvery(Duration.ofMillis(100))
          .until(Files::exists);
      assertThat(Files.size(file)).isEqualTo(300);
    }
  }
}
