package io.antpath.st;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium through the installed chromedriver (Selenium's driver manager cannot
 * download anything here), with the flags this machine needs and a fresh profile per browser.
 */
final class Browser implements AutoCloseable {
  final WebDriver driver;

  /** Where this browser saves downloads (a fresh folder). */
  final Path downloads;

  Browser() throws IOException {
    Path profile = Files.createTempDirectory("antpath-chromium-");
    downloads = Files.createTempDirectory("antpath-downloads-");
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(find("ANTPATH_CHROMIUM", "/usr/bin/chromium"))
            .addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
    options.setExperimentalOption(
        "prefs",
        java.util.Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                Path.of(find("ANTPATH_CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  private static String find(String env, String fallback) {
    String value = System.getenv(env);
    String path = value == null || value.isBlank() ? fallback : value;
    if (!Files.isExecutable(Path.of(path))) {
      throw new IllegalStateException(
          path + " is missing: apt-get install chromium chromium-driver (.ci/run does)");
    }
    return path;
  }

  WebElement waitFor(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /**
   * Clicks and waits until the page it was on has been replaced (so nothing stale is read after).
   */
  void submit(By by) {
    submit(driver.findElement(by));
  }

  /** As {@link #submit(By)} for an element already found. */
  void submit(WebElement button) {
    WebElement page = driver.findElement(By.tagName("html"));
    button.click();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> isGone(page));
  }

  /**
   * True once the element no longer belongs to the shown document. Chromium sometimes answers a
   * query made while the next page replaces the old one with an "unknown error: Node with given id
   * does not belong to the document" instead of a stale-element error (seen in CI); that answer
   * means the same thing. Other errors are asked again until the wait ends.
   */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      String message = String.valueOf(e.getMessage());
      return message.contains("does not belong to the document")
          || message.contains("No node with given id");
    }
  }

  /**
   * Signs up at {@code signupUrl} (an account and its first workspace), then waits for the sign-in
   * page it leads to.
   */
  void signUp(String signupUrl, String email, String password, String slug, String workspaceName) {
    driver.get(signupUrl);
    type(By.id("signup:email"), email);
    type(By.id("signup:name"), "Sign Up");
    type(By.id("signup:password"), password);
    type(By.id("signup:slug"), slug);
    type(By.id("signup:wsname"), workspaceName);
    submit(By.id("signup:submit"));
    waitFor(By.id("login:email"));
  }

  /** Fills in and submits the sign-in form of the page currently shown. */
  void signIn(String email, String password) {
    type(By.id("login:email"), email);
    type(By.id("login:password"), password);
    submit(By.id("login:submit"));
  }

  void type(By by, String text) {
    WebElement e = waitFor(by);
    e.clear();
    e.sendKeys(text);
  }

  /**
   * Saves a screenshot of the current page as {@code target/screenshots/<name>.png} (the build
   * directory; docs/dashboard.md shows copies of them).
   */
  void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    // The whole page, not just the window: grow the window to the page's height for the shot.
    org.openqa.selenium.Dimension window = driver.manage().window().getSize();
    Number page =
        (Number)
            ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript(
                    "return document.documentElement.scrollHeight"
                        + " + (window.outerHeight - window.innerHeight);");
    int height = Math.min(Math.max(window.height, page.intValue()), 8000);
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(window.width, height));
    try {
      byte[] png =
          ((org.openqa.selenium.TakesScreenshot) driver)
              .getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
      Files.write(dir.resolve(name + ".png"), png);
    } finally {
      driver.manage().window().setSize(window);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
