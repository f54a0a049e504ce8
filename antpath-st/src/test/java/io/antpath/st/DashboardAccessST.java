package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The dashboard's access rules and protections in a real browser: a viewer sees no mutation control
 * and a forged post of one changes nothing, another tenant's run and unknown addresses are the same
 * 404 page, a post from a foreign Origin is refused, pages carry the security headers, and a token
 * is created (secret shown once) and revoked after confirmation.
 */
@ExtendWith(DemoStack.WithWorker.class)
class DashboardAccessST {
  private final DemoStack stack = DemoStack.withWorker();
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private String url(String path) {
    return stack.server.baseUri().resolve(path).toString();
  }

  private Browser signedIn(String email, String password) throws Exception {
    Browser browser = new Browser();
    browser.driver.manage().window().setSize(new Dimension(1280, 1000));
    browser.driver.get(url("/login.xhtml"));
    browser.signIn(email, password);
    browser.waitFor(By.id("workspaces"));
    return browser;
  }

  private String slowRun(String token) throws Exception {
    HttpResponse<String> r =
        stack.call(
            "POST",
            "/api/v1/runs",
            token,
            "{\"agent\":{\"model\":\"claude-sonnet-4-5\"},\"input\":\"x\",\"metadata\":{\"sim.scenario\":\"slow\",\"sim.step-ms\":\"50\"},"
                + "\"secrets\":{\"anthropicApiKey\":\"sk-ant-access-"
                + UUID.randomUUID()
                + "\"}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("id").asText();
  }

  private String runJson(String id) throws Exception {
    return stack.call("GET", "/api/v1/runs/" + id, stack.demoToken, null).body();
  }

  @Test
  void aViewer_seesNoMutationControl_andAForgedDeleteChangesNothing() throws Exception {
    String slug = "vw-" + UUID.randomUUID().toString().substring(0, 8);
    String email = slug + "@example.com";
    String runId = slowRun(stack.demoToken);
    try (Browser owner = signedIn("demo@antpath.local", "demo-password-1");
        Browser viewer = new Browser()) {
      viewer.signUp(url("/signup.xhtml"), email, "long-enough-password", slug, "Viewer's own");
      owner.driver.get(url("/app/w/demo"));
      owner.type(By.id("addMember:email"), email);
      new org.openqa.selenium.support.ui.Select(owner.driver.findElement(By.id("addMember:role")))
          .selectByValue("viewer");
      owner.submit(By.id("addMember:submit"));
      assertThat(owner.waitFor(By.id("messages")).getText()).contains("Member added");
      assertThat(owner.driver.getCurrentUrl()).endsWith("/app/w/demo");
      owner.screenshot("workspace");

      viewer.signIn(email, "long-enough-password");
      viewer.waitFor(By.id("workspaces"));
      viewer.driver.get(url("/app/w/demo/runs/" + runId));
      viewer.waitFor(By.id("runId"));
      assertThat(viewer.driver.findElements(By.id("actions"))).isEmpty();
      assertThat(viewer.driver.findElements(By.cssSelector("form[id=cancel], form[id=delete]")))
          .isEmpty();
      viewer.screenshot("run-as-viewer");
      // Post the owner's delete button anyway, with the viewer's own valid view state.
      Object status =
          ((JavascriptExecutor) viewer.driver)
              .executeAsyncScript(
                  "const done = arguments[arguments.length - 1];"
                      + "const state = document.querySelector('input[name=\"jakarta.faces.ViewState\"]').value;"
                      + "const body = new URLSearchParams({'delete': 'delete', 'delete:confirm': 'x',"
                      + " 'jakarta.faces.ViewState': state});"
                      + "fetch(location.href, {method: 'POST', body}).then(r => done(r.status));");
      assertThat(status).isNotNull();
      assertThat(runJson(runId)).doesNotContain("deleteRequestedAt");

      viewer.driver.get(url("/app/w/demo/runs/new"));
      assertThat(viewer.waitFor(By.id("notAllowed")).getText()).contains("not submit");
      viewer.driver.get(url("/app/w/demo/runs"));
      assertThat(viewer.driver.findElements(By.id("newRun"))).isEmpty();
    } finally {
      stack.call("POST", "/api/v1/runs/" + runId + "/cancel", stack.demoToken, null);
    }
  }

  @Test
  void anotherTenantsRun_andUnknownAddresses_areTheSame404Page() throws Exception {
    String foreign = slowRun(stack.otherToken);
    try (Browser browser = signedIn("demo@antpath.local", "demo-password-1")) {
      for (String path :
          new String[] {
            "/app/w/demo/runs/" + foreign,
            "/app/w/demo-other/runs/" + foreign,
            "/app/w/demo-other/runs",
            "/app/w/no-such-workspace",
            "/app/w/demo/runs/not-a-run-id",
            "/app/w/demo/runs/" + foreign + "/events",
            "/app/w/demo/runs/" + foreign + "/outputs/" + UUID.randomUUID(),
            "/app/w/demo/audit/x",
            "/app/workspace.xhtml",
            "/app/no-such-page.xhtml"
          }) {
        browser.driver.get(url(path));
        assertThat(browser.waitFor(By.id("error")).getAttribute("data-status"))
            .as(path)
            .isEqualTo("404");
        assertThat(browser.driver.getPageSource())
            .as(path)
            .doesNotContain("Exception")
            .doesNotContain("Payara")
            .doesNotContain(foreign.substring(0, 8) + "-x");
      }
      browser.screenshot("error-404");
    } finally {
      stack.call("POST", "/api/v1/runs/" + foreign + "/cancel", stack.otherToken, null);
    }
  }

  @Test
  void aPostFromAForeignOrigin_isRefused_andTheSamePostFromThisSiteIsNot() throws Exception {
    String runId = slowRun(stack.demoToken);
    try (Browser browser = signedIn("demo@antpath.local", "demo-password-1")) {
      browser.driver.get(url("/app/w/demo/runs/" + runId));
      browser.waitFor(By.id("runId"));
      String cookie =
          "ANTPATH_SESSION=" + browser.driver.manage().getCookieNamed("ANTPATH_SESSION").getValue();
      String state =
          (String)
              ((JavascriptExecutor) browser.driver)
                  .executeScript(
                      "return document.querySelector('input[name=\"jakarta.faces.ViewState\"]').value;");
      String body =
          "cancel=cancel&"
              + URLEncoder.encode("cancel:confirm", StandardCharsets.UTF_8)
              + "=x&"
              + URLEncoder.encode("jakarta.faces.ViewState", StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(state, StandardCharsets.UTF_8);
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(url("/app/w/demo/runs/" + runId)))
                  .header("Cookie", cookie)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
      assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
          .contains("frame-ancestors 'none'");
      HttpResponse<String> forged = post(runId, cookie, body, "https://evil.example");
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(forged.body()).contains("Not allowed").doesNotContain("Exception");
      assertThat(runJson(runId)).doesNotContain("cancelRequestedAt");

      URI base = stack.server.baseUri();
      HttpResponse<String> same =
          post(
              runId,
              cookie,
              body,
              base.getScheme() + "://" + base.getHost() + ":" + base.getPort());
      assertThat(same.statusCode()).as(same.body()).isEqualTo(302);
      assertThat(same.headers().firstValue("Location").orElse(""))
          .endsWith("/app/w/demo/runs/" + runId);
      assertThat(runJson(runId)).contains("cancelRequestedAt");
    }
  }

  private HttpResponse<String> post(String runId, String cookie, String body, String origin)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url("/app/w/demo/runs/" + runId)))
            .header("Cookie", cookie)
            .header("Origin", origin)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The run page's live feed is the run's event stream for the signed-in member: a finished run's
   * feed sends its status, its events with their ids, then "end"; without the session there is no
   * stream.
   */
  @Test
  void theRunPagesFeed_streamsTheRunForTheSession_andNothingWithoutIt() throws Exception {
    io.antpath.sdk.AntpathClient client = stack.client("sk-ant-feed-" + UUID.randomUUID());
    io.antpath.sdk.run.Run run =
        client
            .runs()
            .create(
                io.antpath.sdk.run.RunCreateParams.builder()
                    .model("claude-sonnet-4-5")
                    .input("x")
                    .putMetadata("sim.step-ms", "20")
                    .build());
    client.runs().waitForCompletion(run.id(), Duration.ofSeconds(60));
    String feed = "/app/w/demo/runs/" + run.id() + "/events";
    try (Browser browser = signedIn("demo@antpath.local", "demo-password-1")) {
      String cookie =
          "ANTPATH_SESSION=" + browser.driver.manage().getCookieNamed("ANTPATH_SESSION").getValue();
      // The feed ends once the run's cleanup has settled too; a run just finished may still be
      // cleaning up, and then the stream simply lasts until it is done.
      HttpResponse<String> stream =
          http.send(
              HttpRequest.newBuilder(URI.create(url(feed)))
                  .header("Cookie", cookie)
                  .header("Accept", "text/event-stream")
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      assertThat(stream.body())
          .startsWith("event: run.status\ndata: {\"status\":\"succeeded\"")
          .contains("\nevent: run.event\ndata: {\"id\":")
          .contains("session.status_idle")
          .endsWith("event: end\ndata: {}\n\n");
      HttpResponse<String> resumed =
          http.send(
              HttpRequest.newBuilder(URI.create(url(feed)))
                  .header("Cookie", cookie)
                  .header("Last-Event-ID", "999999999")
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(resumed.body()).doesNotContain("run.event").endsWith("event: end\ndata: {}\n\n");
    }
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(url(feed))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.headers().firstValue("Content-Type").orElse(""))
        .doesNotStartWith("text/event-stream");
    assertThat(anonymous.body()).doesNotContain("run.status");
  }

  /**
   * A post-back whose view is no longer in the session (here: pushed out by opening the page 20
   * more times, beyond the views a session keeps) is the "page expired" page in the app's layout,
   * not a 500, and changes nothing.
   */
  @Test
  void aPostBackOfAnExpiredView_isTheExpiredPage_andChangesNothing() throws Exception {
    try (Browser browser = signedIn("demo@antpath.local", "demo-password-1")) {
      browser.driver.get(url("/app/w/demo"));
      String before = browser.waitFor(By.id("title")).getText();
      browser.type(By.id("rename:name"), "Renamed by an expired page");
      ((JavascriptExecutor) browser.driver)
          .executeAsyncScript(
              "const done = arguments[arguments.length - 1];"
                  + "(async () => { for (let i = 0; i < 20; i++) {"
                  + " await fetch(location.href, {credentials: 'same-origin'}); } })()"
                  + ".then(() => done(true));");
      browser.submit(By.id("rename:submit"));
      assertThat(browser.waitFor(By.id("error")).getAttribute("data-status")).isEqualTo("expired");
      assertThat(browser.driver.getPageSource())
          .contains("This page expired")
          .doesNotContain("Exception")
          .doesNotContain("Payara");
      browser.screenshot("error-expired");
      browser.driver.get(url("/app/w/demo"));
      assertThat(browser.waitFor(By.id("title")).getText()).isEqualTo(before);
    }
  }

  @Test
  void pages_carryTheSecurityHeaders() throws Exception {
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create(url("/login.xhtml"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(login.headers().allValues("Set-Cookie"))
        .anyMatch(
            c ->
                c.startsWith("ANTPATH_SESSION=")
                    && c.contains("SameSite=Lax")
                    && c.contains("HttpOnly"));
    assertThat(login.headers().firstValue("Referrer-Policy")).contains("same-origin");
    assertThat(login.body()).doesNotContain("<script>").doesNotContain("onclick=");
  }

  @Test
  void aToken_isCreatedWithItsSecretShownOnce_andRevokedAfterConfirmation() throws Exception {
    String name = "dash-" + UUID.randomUUID().toString().substring(0, 8);
    try (Browser browser = signedIn("demo@antpath.local", "demo-password-1")) {
      browser.driver.get(url("/app/w/demo"));
      browser.type(By.id("newToken:name"), name);
      browser.submit(By.id("newToken:submit"));
      String secret = browser.waitFor(By.id("secret")).getText();
      assertThat(secret).startsWith("apt_");
      assertThat(browser.driver.getCurrentUrl()).endsWith("/app/w/demo");
      browser.screenshot("token-created");
      browser.driver.get(url("/app/w/demo"));
      browser.waitFor(By.id("title"));
      assertThat(browser.driver.getPageSource()).doesNotContain(secret);
      String row = "//tr[td[contains(., '" + name + "')]]";
      browser.driver.findElement(By.xpath(row + "//summary")).click();
      browser.submit(browser.driver.findElement(By.xpath(row + "//input[@type='submit']")));
      assertThat(browser.waitFor(By.xpath(row)).getText()).contains("revoked");
    }
  }
}
