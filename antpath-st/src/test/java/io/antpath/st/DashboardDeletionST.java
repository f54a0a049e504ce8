package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.run.Run;
import io.antpath.sdk.run.RunCreateParams;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The dashboard shows a run's cleanup problem, deletes a workspace and an account, and the worker
 * finishes both deletions.
 */
@ExtendWith(DemoStack.WithWorker.class)
class DashboardDeletionST {
  private final DemoStack stack = DemoStack.withWorker();

  private String url(String path) {
    return stack.server.baseUri().resolve(path).toString();
  }

  @Test
  void aCleanupThatCannotFinish_isShownOnTheRun_withWhatIsLeft() throws Exception {
    AntpathClient client = stack.client("sk-ant-dash-" + UUID.randomUUID());
    Run run =
        client
            .runs()
            .create(
                RunCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .input("x")
                    .putMetadata("sim.scenario", "revoke-key")
                    .putMetadata("sim.step-ms", "20")
                    .build());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Run now = client.runs().retrieve(run.id());
    while (!now.cleanupStatus().value().equals("failed")) {
      assertThat(System.nanoTime()).as("cleanup ended: " + now).isLessThan(deadline);
      Thread.sleep(200);
      now = client.runs().retrieve(run.id());
    }
    assertThat(now.cleanupError()).contains("refused the run's API key").contains("agent agent_");
    try (Browser browser = new Browser()) {
      browser.driver.get(url("/login.xhtml"));
      browser.signIn("demo@antpath.local", "demo-password-1");
      browser.waitFor(By.id("workspaces"));
      browser.driver.get(url("/app/workspace.xhtml?ws=demo"));
      assertThat(browser.waitFor(By.id("runs")).getText())
          .contains(run.id())
          .contains("refused the run's API key");
    }
  }

  @Test
  void deletingAWorkspaceAndThenTheAccount_removesThemForGood() throws Exception {
    String slug = "dd-" + UUID.randomUUID().toString().substring(0, 8);
    String email = slug + "@example.com";
    try (Browser browser = new Browser()) {
      browser.signUp(url("/signup.xhtml"), email, "long-enough-password", slug, "To delete");
      browser.signIn(email, "long-enough-password");
      browser.waitFor(By.id("workspaces"));

      browser.driver.get(url("/app/workspace.xhtml?ws=" + slug));
      browser.type(By.id("deleteWorkspace:confirm"), "wrong");
      browser.submit(By.id("deleteWorkspace:submit"));
      assertThat(browser.waitFor(By.id("messages")).getText())
          .contains("type the workspace's slug");
      browser.type(By.id("deleteWorkspace:confirm"), slug);
      browser.submit(By.id("deleteWorkspace:submit"));
      assertThat(browser.waitFor(By.id("pending")).getText()).contains("being deleted");
      // No check that the row is still there: with no runs, the purge (every second on this
      // stack) may remove it before the page above has even been read.
      waitUntil(
          "the workspace is purged",
          () -> count("select count(*) from workspaces where slug = ?", slug) == 0);

      browser.driver.get(url("/app/index.xhtml"));
      browser.type(By.id("deleteAccount:confirm"), "DELETE");
      browser.submit(By.id("deleteAccount:submit"));
      browser.waitFor(By.id("login:email"));
      waitUntil(
          "the account is purged",
          () -> count("select count(*) from app_users where email = ?", email) == 0);
      browser.signIn(email, "long-enough-password");
      assertThat(browser.waitFor(By.id("messages")).getText()).isNotBlank();
    }
    assertThat(
            count(
                "select count(*) from audit_log where action in ('workspace.delete', 'workspace.purged', 'user.delete', 'user.purged')"
                    + " and occurred_at > now() - interval '5 minutes' and ? is not null",
                slug))
        .isGreaterThanOrEqualTo(4);
  }

  private long count(String sql, String arg) throws Exception {
    try (Connection c = stack.db.connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @FunctionalInterface
  private interface Check {
    boolean holds() throws Exception;
  }

  private static void waitUntil(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!check.holds()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(500);
    }
  }
}
