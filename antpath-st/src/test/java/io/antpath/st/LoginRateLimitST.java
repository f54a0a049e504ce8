package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in attempts are limited per e-mail address: past the limit the page answers 429 with
 * Retry-After.
 */
@ExtendWith(DemoStack.class)
class LoginRateLimitST {
  /**
   * Sign-ins are limited to 10 per e-mail per fixed one-minute window. Attempts that straddle a
   * window boundary split between two windows, so 2 x 10 + 1 of them are needed to pass the limit
   * in one (fewer made this test fail now and then).
   */
  private static final int ATTEMPTS = 2 * 10 + 1;

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
  private final DemoStack stack = DemoStack.get();

  private String origin() {
    java.net.URI base = stack.server.baseUri();
    return base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
  }

  @Test
  void repeatedFailures_answer429WithRetryAfter() throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String email = "limited-" + UUID.randomUUID() + "@example.com";
    HttpResponse<String> last = null;
    for (int i = 0; i < ATTEMPTS && (last == null || last.statusCode() != 429); i++) {
      String page =
          http.send(
                  HttpRequest.newBuilder(stack.server.baseUri().resolve("/login.xhtml"))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher state = VIEW_STATE.matcher(page);
      assertThat(state.find()).isTrue();
      String form =
          "login=login&login%3Aemail="
              + URLEncoder.encode(email, StandardCharsets.UTF_8)
              + "&login%3Apassword=wrong-"
              + i
              + "&login%3Asubmit=Sign+in&jakarta.faces.ViewState="
              + URLEncoder.encode(state.group(1), StandardCharsets.UTF_8);
      last =
          http.send(
              HttpRequest.newBuilder(stack.server.baseUri().resolve("/login.xhtml"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  // As a browser does: page posts from another origin are refused.
                  .header("Origin", origin())
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(last.headers().firstValue("Retry-After").map(Integer::parseInt))
        .hasValueSatisfying(s -> assertThat(s).isBetween(1, 61));
    assertThat(last.body()).contains("Too many sign-in attempts");
  }
}
