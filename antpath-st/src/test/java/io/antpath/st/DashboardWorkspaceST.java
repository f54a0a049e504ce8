package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.sdk.AntpathClient;
import io.antpath.sdk.run.Run;
import io.antpath.sdk.run.RunCreateParams;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The workspace page in a real browser: storage used against the cap as a bar, tokens per day as a
 * chart (and a table), the caps in force, the tokens' last use, and the audit log (filtered, and
 * refused to a viewer).
 */
@ExtendWith(DemoStack.WithWorker.class)
class DashboardWorkspaceST {
  private final DemoStack stack = DemoStack.withWorker();

  private String url(String path) {
    return stack.server.baseUri().resolve(path).toString();
  }

  private Browser signedIn(String email, String password) throws Exception {
    Browser browser = new Browser();
    browser.driver.manage().window().setSize(new Dimension(1280, 1400));
    browser.driver.get(url("/login.xhtml"));
    browser.signIn(email, password);
    browser.waitFor(By.id("workspaces"));
    return browser;
  }

  @Test
  void theWorkspacePage_showsStorageUsageCapsAndTokenUse() throws Exception {
    AntpathClient client = stack.client("sk-ant-ws-" + UUID.randomUUID());
    Run run =
        client
            .runs()
            .create(
                RunCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .input("x")
                    .putMetadata("sim.step-ms", "20")
                    .build());
    assertThat(client.runs().waitForCompletion(run.id(), Duration.ofSeconds(60)).status().value())
        .isEqualTo("succeeded");
    try (Browser browser = signedIn("demo@antpath.local", "demo-password-1")) {
      browser.driver.get(url("/app/w/demo"));
      WebElement storage = browser.waitFor(By.id("storage"));
      assertThat(Long.parseLong(storage.getAttribute("value"))).isPositive();
      assertThat(Long.parseLong(storage.getAttribute("max")))
          .isGreaterThan(Long.parseLong(storage.getAttribute("value")));
      assertThat(browser.driver.findElement(By.cssSelector("label[for=storage]")).getText())
          .contains("Output storage")
          .contains(" of ");
      assertThat(browser.driver.findElements(By.cssSelector("#usageChart rect"))).hasSize(30);
      WebElement today = browser.driver.findElements(By.cssSelector("#usageChart rect")).getLast();
      assertThat(Double.parseDouble(today.getAttribute("height")))
          .as("today's bar: the run just finished used tokens")
          .isPositive();
      assertThat(browser.driver.findElement(By.id("usageChartTitle")).getText())
          .doesNotContain(" 0 in all");
      assertThat(browser.driver.findElement(By.id("caps")).getText())
          .contains("Tier")
          .contains("Runs at once")
          .contains("Output storage");
      assertThat(browser.driver.findElement(By.id("tokens:list")).getText()).contains("Last used");
      assertThat(
              browser.driver.findElements(By.xpath("//table[@id='tokens:list']//tr/td[4]")).stream()
                  .map(WebElement::getText))
          .as("the demo token was just used by the API: its last use is a time")
          .anyMatch(t -> t.matches("\\d{4}-\\d{2}-\\d{2} .*"));
      browser.screenshot("workspace-usage");
    }
  }

  @Test
  void theAuditLog_isFilteredAndPaged_andRefusedToAViewer() throws Exception {
    String name = "audit-" + UUID.randomUUID().toString().substring(0, 8);
    stack.createToken("{\"name\":\"" + name + "\",\"scopes\":[\"runs:read\"]}");
    String slug = "au-" + UUID.randomUUID().toString().substring(0, 8);
    String email = slug + "@example.com";
    try (Browser owner = signedIn("demo@antpath.local", "demo-password-1");
        Browser viewer = new Browser()) {
      owner.driver.get(url("/app/w/demo"));
      owner.waitFor(By.id("auditLink")).click();
      assertThat(owner.waitFor(By.id("audit")).getText()).contains("token.create");
      assertThat(owner.driver.getCurrentUrl()).endsWith("/app/w/demo/audit");

      owner.type(By.id("action"), "token.");
      owner.submit(By.id("apply"));
      String filtered = owner.waitFor(By.id("audit")).getText();
      assertThat(filtered).contains("token.create").doesNotContain("member.add");
      assertThat(owner.driver.getCurrentUrl()).contains("action=token.");
      owner.screenshot("audit");

      owner.driver.get(url("/app/w/demo/audit?action=no.such.action"));
      assertThat(owner.waitFor(By.id("empty")).getText()).contains("No entry matches");

      viewer.signUp(url("/signup.xhtml"), email, "long-enough-password", slug, "Viewer's own");
      owner.driver.get(url("/app/w/demo"));
      owner.type(By.id("addMember:email"), email);
      new org.openqa.selenium.support.ui.Select(owner.driver.findElement(By.id("addMember:role")))
          .selectByValue("viewer");
      owner.submit(By.id("addMember:submit"));
      viewer.signIn(email, "long-enough-password");
      viewer.waitFor(By.id("workspaces"));
      viewer.driver.get(url("/app/w/demo"));
      viewer.waitFor(By.id("usageChart"));
      assertThat(viewer.driver.findElements(By.id("auditLink"))).isEmpty();
      viewer.driver.get(url("/app/w/demo/audit"));
      assertThat(viewer.waitFor(By.id("error")).getAttribute("data-status")).isEqualTo("403");
      viewer.screenshot("error-403");
      assertThat(viewer.driver.getPageSource()).doesNotContain("Exception");
    }
  }
}
