package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The runs product in a real browser against a server whose worker drives the Claude API simulator:
 * submit from the form, watch the run succeed without reloading, outputs beside capture failures,
 * download through a signed link, cancel a running run and delete it.
 */
@ExtendWith(DemoStack.WithWorker.class)
class DashboardRunsST {
  private final DemoStack stack = DemoStack.withWorker();

  private String url(String path) {
    return stack.server.baseUri().resolve(path).toString();
  }

  private Browser signedIn() throws Exception {
    Browser browser = new Browser();
    browser.driver.manage().window().setSize(new Dimension(1280, 1000));
    browser.driver.get(url("/login.xhtml"));
    browser.signIn("demo@antpath.local", "demo-password-1");
    browser.waitFor(By.id("workspaces"));
    return browser;
  }

  /** Fills in and submits the run form; returns the new run's id from the address it leads to. */
  private String submit(Browser browser, String metadata, String apiKey) {
    browser.driver.get(url("/app/w/demo/runs/new"));
    browser.type(By.id("submit:input"), "Write the files");
    browser.type(By.id("submit:metadata"), metadata);
    browser.type(By.id("apiKey"), apiKey);
    browser.submit(By.id("submit:go"));
    browser.waitFor(By.id("runId"));
    String address = browser.driver.getCurrentUrl();
    assertThat(address).matches(".*/app/w/demo/runs/[0-9a-f-]{36}$");
    return address.substring(address.lastIndexOf('/') + 1);
  }

  private static void waitForText(Browser browser, By by, String text, Duration within) {
    // The live region is swapped in whole while the run changes: an element found just before a
    // swap is stale when read, and is looked up again.
    new WebDriverWait(browser.driver, within)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> d.findElements(by).stream().anyMatch(e -> e.getText().contains(text)));
  }

  @Test
  void aRunSubmittedFromTheForm_succeedsLive_andItsOutputDownloads() throws Exception {
    String key = "sk-ant-dash-" + UUID.randomUUID();
    try (Browser browser = signedIn()) {
      browser.driver.get(url("/app/w/demo/runs/new"));
      browser.screenshot("run-new");
      browser.submit(By.id("submit:go")); // empty required fields: messages beside the fields
      assertThat(browser.waitFor(By.id("submit")).getText())
          .contains("Write what the agent should do.");
      String runId = submit(browser, "sim.step-ms=150", key);
      assertThat(browser.driver.getPageSource()).doesNotContain(key);
      JavascriptExecutor js = (JavascriptExecutor) browser.driver;
      js.executeScript("window.__sameDocument = true;");
      waitForText(browser, By.id("status"), "succeeded", Duration.ofSeconds(60));
      waitForText(browser, By.id("outputList"), "hello.txt", Duration.ofSeconds(30));
      waitForText(browser, By.id("cleanupStatus"), "done", Duration.ofSeconds(60));
      assertThat(js.executeScript("return window.__sameDocument === true;"))
          .as("the page followed the run without a full reload")
          .isEqualTo(true);
      new WebDriverWait(browser.driver, Duration.ofSeconds(30))
          .withMessage("the page followed the run's event stream until it ended")
          .until(
              d ->
                  "ended"
                      .equals(
                          js.executeScript(
                              "return document.documentElement.getAttribute('data-live-via');")));
      assertThat(browser.driver.findElement(By.id("timeline")).getText())
          .contains("queued")
          .contains("running")
          .contains("succeeded");
      assertThat(browser.driver.findElement(By.id("events")).getText())
          .contains("session.status_idle");
      assertThat(browser.driver.findElement(By.id("outputTokens")).getText()).isNotEqualTo("0");
      assertThat(browser.driver.findElement(By.id("resources")).getText()).contains("deleted");
      browser.screenshot("run-succeeded");

      assertThat(browser.driver.getPageSource()).doesNotContain("X-Amz-Signature");
      browser.driver.findElement(By.cssSelector("#outputList a.download")).click();
      Path file = browser.downloads.resolve("hello.txt");
      new FluentWait<>(file)
          .withTimeout(Duration.ofSeconds(20))
          .pollingEvery(Duration.ofMillis(100))
          .until(Files::exists);
      assertThat(Files.readString(file)).contains("Hello from the Claude Managed Agents simulator");

      browser.driver.get(url("/app/w/demo/runs"));
      assertThat(browser.waitFor(By.id("runs")).getText()).contains(runId).contains("succeeded");
      browser.screenshot("runs");
      browser.driver.manage().window().setSize(new Dimension(390, 844));
      browser.driver.navigate().refresh();
      browser.waitFor(By.id("runs"));
      assertThat(
              js.executeScript(
                  "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"))
          .as("no horizontal scrolling at 390 px")
          .isEqualTo(true);
      browser.screenshot("runs-390px");
      browser.driver.manage().window().setSize(new Dimension(1280, 1000));

      browser.driver.get(url("/app/w/demo/runs?status=succeeded&q=" + runId));
      assertThat(browser.waitFor(By.id("runId")).getText()).isEqualTo(runId);
      browser.driver.get(url("/app/w/demo/runs?status=canceled&meta=nothing=here"));
      assertThat(browser.waitFor(By.id("empty")).getText()).contains("No run matches");
    }
    assertThat(String.join("\n", stack.rowsAsJson("runs"))).doesNotContain(key);
    assertThat(stack.server.log()).doesNotContain(key);
  }

  @Test
  void capturedOutputsAndCaptureFailures_areShownSideBySide() throws Exception {
    try (Browser browser = signedIn()) {
      // The listing announces every file 50 bytes short: the empty file is captured, the other is
      // not.
      submit(
          browser,
          "sim.step-ms=50\nsim.files=empty.txt:0,big.txt:100\nsim.file-size-lie=50",
          "sk-ant-dash-" + UUID.randomUUID());
      waitForText(browser, By.id("failureList"), "big.txt", Duration.ofSeconds(60));
      waitForText(browser, By.id("outputList"), "empty.txt", Duration.ofSeconds(30));
      waitForText(browser, By.id("cleanupStatus"), "done", Duration.ofSeconds(60));
      browser.screenshot("run-outputs-and-failures");
    }
  }

  @Test
  void aRunningRun_isCancelledAndThenDeleted_afterConfirmation() throws Exception {
    try (Browser browser = signedIn()) {
      String runId =
          submit(browser, "sim.scenario=slow\nsim.step-ms=50", "sk-ant-dash-" + UUID.randomUUID());
      waitForText(browser, By.id("status"), "running", Duration.ofSeconds(60));
      browser.screenshot("run-running");
      assertThat(browser.driver.findElement(By.id("cancel:confirm")).isDisplayed()).isFalse();
      browser.driver.findElement(By.id("cancelAsk")).click();
      browser.submit(By.id("cancel:confirm"));
      assertThat(browser.driver.getCurrentUrl()).endsWith("/app/w/demo/runs/" + runId);
      waitForText(browser, By.id("status"), "canceled", Duration.ofSeconds(60));
      assertThat(browser.driver.findElements(By.id("cancel:confirm"))).isEmpty();
      // The page keeps refreshing its live region (which holds the delete form) until the run's
      // cleanup ends: a click during a swap would meet the replaced button.
      new WebDriverWait(browser.driver, Duration.ofSeconds(60))
          .withMessage("the run page stopped changing")
          .until(
              d ->
                  Boolean.TRUE.equals(
                      ((JavascriptExecutor) d)
                          .executeScript(
                              "var via = document.documentElement.getAttribute('data-live-via');"
                                  + " var r = document.querySelector('[data-live]');"
                                  + " return via === 'ended'"
                                  + " || ((via === null || via === 'polling') && r !== null"
                                  + " && r.getAttribute('data-live') === 'idle');")));

      browser.driver.findElement(By.id("deleteAsk")).click();
      browser.submit(By.id("delete:confirm"));
      assertThat(browser.driver.getCurrentUrl()).endsWith("/app/w/demo/runs");
      assertThat(browser.waitFor(By.id("messages")).getText()).contains("is being deleted");
    }
  }
}
