package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.testkit.AntpathServer;
import io.antpath.testkit.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database share the rate limit: alternating requests between them are granted
 * the limit once in total, not once per instance.
 */
class TwoInstanceRateLimitST {
  private static final int LIMIT = 6;

  @Test
  void tokenMutationLimit_holdsAcrossTwoInstances() throws Exception {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    String token = "apt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    try (TestDatabase db = TestDatabase.create("st-two-instances")) {
      Map<String, String> env = new LinkedHashMap<>(AntpathServer.devSettings(db));
      env.put("ANTPATH_DEV_DEMO_TOKEN", token);
      env.put("ANTPATH_RATELIMIT_TOKEN_MUTATIONS_PER_MINUTE", Integer.toString(LIMIT));
      try (AntpathServer a = AntpathServer.startReady(env);
          AntpathServer b = AntpathServer.startReady(env)) {
        HttpClient http = HttpClient.newHttpClient();
        int granted = 0;
        int limited = 0;
        for (int i = 0; i < 2 * LIMIT + 2; i++) {
          AntpathServer target = i % 2 == 0 ? a : b;
          HttpRequest request =
              HttpRequest.newBuilder(target.baseUri().resolve(URI.create("/api/v1/tokens")))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"name\":\"n" + i + "\",\"scopes\":[\"runs:read\"]}"))
                  .build();
          int status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
          if (status == 201) {
            granted++;
          } else if (status == 429) {
            limited++;
          }
        }
        // A minute boundary may fall inside the loop and open a new window: allow for one such
        // reset.
        assertThat(granted).isBetween(LIMIT, 2 * LIMIT - 1);
        assertThat(granted + limited).isEqualTo(2 * LIMIT + 2);
        assertThat(limited).isPositive();
      }
    }
  }
}
