package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/** A person signs in to the dashboard in a real browser, sees their workspaces, and signs out. */
@ExtendWith(DemoStack.class)
class DashboardLoginST {
  private final DemoStack stack = DemoStack.get();

  private String url(String path) {
    return stack.server.baseUri().resolve(path).toString();
  }

  @Test
  void signIn_showsMyWorkspaces_withAFreshHttpOnlySession_andSignOutEndsIt() throws Exception {
    try (Browser browser = new Browser()) {
      browser.driver.get(url("/app/index.xhtml"));
      browser.waitFor(By.id("login:email"));
      assertThat(browser.driver.getCurrentUrl()).contains("/login.xhtml");
      Cookie before = browser.driver.manage().getCookieNamed("ANTPATH_SESSION");
      browser.screenshot("sign-in");

      browser.signIn("demo@antpath.local", "demo-password-1");

      assertThat(browser.waitFor(By.id("workspaces")).getText())
          .contains("Demo")
          .contains("owner")
          .doesNotContain("demo-other");
      browser.screenshot("workspaces");
      Cookie after = browser.driver.manage().getCookieNamed("ANTPATH_SESSION");
      assertThat(after.isHttpOnly()).isTrue();
      if (before != null) {
        assertThat(after.getValue())
            .as("session id changes at sign-in")
            .isNotEqualTo(before.getValue());
      }

      browser.submit(By.id("nav:signout"));
      browser.waitFor(By.id("login:email"));
      browser.driver.get(url("/app/index.xhtml"));
      browser.waitFor(By.id("login:email"));
      assertThat(browser.driver.getCurrentUrl()).contains("/login.xhtml");
    }
    String audit = String.join("\n", stack.rowsAsJson("audit_log"));
    assertThat(audit).contains("\"action\":\"login\"").contains("\"outcome\":\"success\"");
  }

  @Test
  void wrongPassword_isRefusedAndAudited() throws Exception {
    try (Browser browser = new Browser()) {
      browser.driver.get(url("/login.xhtml"));
      browser.signIn("demo-other@antpath.local", "not-the-password");
      assertThat(browser.waitFor(By.id("messages")).getText())
          .contains("Wrong e-mail address or password");
    }
    String audit = String.join("\n", stack.rowsAsJson("audit_log"));
    assertThat(audit).contains("\"outcome\":\"failure\"").doesNotContain("not-the-password");
  }

  @Test
  void otherTenantsWorkspace_isNotFoundInTheDashboard() throws Exception {
    try (Browser browser = new Browser()) {
      browser.driver.get(url("/login.xhtml"));
      browser.signIn("demo@antpath.local", "demo-password-1");
      browser.waitFor(By.id("workspaces"));
      browser.driver.get(url("/app/workspace.xhtml?ws=demo-other"));
      String page = browser.driver.getPageSource();
      assertThat(page)
          .doesNotContain("demo-other@antpath.local")
          .doesNotContain("Demo (other tenant)");
      browser.driver.get(url("/app/workspace.xhtml?ws=demo"));
      assertThat(browser.driver.getPageSource()).as("own workspace page").contains("id=\"role\"");
      assertThat(browser.waitFor(By.id("role")).getText()).isEqualTo("owner");
      assertThat(browser.driver.findElement(By.id("members:list")).getText())
          .contains("demo@antpath.local");
    }
  }

  @Test
  void owner_createsAndRevokesATokenInTheDashboard() throws Exception {
    String name = "ui-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    try (Browser browser = new Browser()) {
      browser.driver.get(url("/login.xhtml"));
      browser.signIn("demo@antpath.local", "demo-password-1");
      browser.waitFor(By.id("workspaces"));
      browser.driver.get(url("/app/workspace.xhtml?ws=demo"));
      browser.type(By.id("newToken:name"), name);
      browser.submit(By.id("newToken:submit"));
      String secret = browser.waitFor(By.id("secret")).getText().trim();
      assertThat(secret).startsWith("apt_");
      assertThat(stack.call("GET", "/api/v1/workspace", secret, null).statusCode()).isEqualTo(200);

      org.openqa.selenium.WebElement row =
          browser.driver.findElement(
              By.xpath("//table[@id='tokens:list']//tr[td[normalize-space()='" + name + "']]"));
      // Revoking asks for a confirmation that names the token.
      row.findElement(By.xpath(".//summary[normalize-space()='Revoke…']")).click();
      browser.submit(row.findElement(By.xpath(".//input[@value='Yes, revoke " + name + "']")));
      assertThat(
              browser
                  .driver
                  .findElement(
                      By.xpath(
                          "//table[@id='tokens:list']//tr[td[normalize-space()='" + name + "']]"))
                  .getText())
          .contains("revoked");
      assertThat(stack.call("GET", "/api/v1/workspace", secret, null).statusCode()).isEqualTo(401);
      assertThat(browser.driver.getPageSource()).as("after the next action").doesNotContain(secret);
      browser.driver.get(url("/app/workspace.xhtml?ws=demo"));
      assertThat(browser.waitFor(By.id("role")).getText()).isEqualTo("owner");
      assertThat(browser.driver.getPageSource()).as("on a new visit").doesNotContain(secret);
    }
  }
}
