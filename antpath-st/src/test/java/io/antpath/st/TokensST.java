package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An API token is created (secret shown once), used, and revoked with effect on the next request.
 */
@ExtendWith(DemoStack.class)
class TokensST {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DemoStack stack = DemoStack.get();

  private JsonNode create(String bearer, String body) throws Exception {
    HttpResponse<String> r = stack.call("POST", "/api/v1/tokens", bearer, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body());
  }

  @Test
  void createUseRevoke_revocationTakesEffectOnTheNextRequest() throws Exception {
    JsonNode created = create(stack.demoToken, "{\"name\":\"ci\",\"scopes\":[\"runs:read\"]}");
    String secret = created.get("token").asText();
    String id = created.get("id").asText();
    assertThat(secret).startsWith(created.get("prefix").asText());

    HttpResponse<String> ws = stack.call("GET", "/api/v1/workspace", secret, null);
    assertThat(ws.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ws.body()).get("slug").asText()).isEqualTo("demo");

    HttpResponse<String> listed = stack.call("GET", "/api/v1/tokens/" + id, stack.demoToken, null);
    assertThat(listed.body()).doesNotContain(secret).contains("\"prefix\"");

    assertThat(stack.call("DELETE", "/api/v1/tokens/" + id, stack.demoToken, null).statusCode())
        .isEqualTo(204);
    HttpResponse<String> after = stack.call("GET", "/api/v1/workspace", secret, null);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.body()).contains("\"code\":\"invalid_token\"");
    assertThat(after.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  @Test
  void expiredToken_isRefused() throws Exception {
    String expiry = Instant.now().plusSeconds(2).toString();
    String secret =
        create(
                stack.demoToken,
                "{\"name\":\"short\",\"scopes\":[\"runs:read\"],\"expiresAt\":\"" + expiry + "\"}")
            .get("token")
            .asText();
    assertThat(stack.call("GET", "/api/v1/workspace", secret, null).statusCode()).isEqualTo(200);
    Thread.sleep(2500);
    assertThat(stack.call("GET", "/api/v1/workspace", secret, null).statusCode()).isEqualTo(401);
  }

  @Test
  void secrets_areStoredNowhere_andAuditedWithoutThem() throws Exception {
    JsonNode created =
        create(stack.demoToken, "{\"name\":\"audited\",\"scopes\":[\"outputs:read\"]}");
    String secret = created.get("token").asText();
    stack.call("DELETE", "/api/v1/tokens/" + created.get("id").asText(), stack.demoToken, null);
    for (String table :
        new String[] {"api_tokens", "audit_log", "app_users", "user_credentials", "workspaces"}) {
      assertThat(String.join("\n", stack.rowsAsJson(table)))
          .as(table)
          .doesNotContain(secret)
          .doesNotContain(stack.demoToken)
          .doesNotContain("demo-password-1");
    }
    String audit = String.join("\n", stack.rowsAsJson("audit_log"));
    assertThat(audit)
        .contains("\"action\":\"token.create\"")
        .contains("\"action\":\"token.revoke\"")
        .contains(created.get("id").asText());
    assertThat(stack.server.log()).doesNotContain(secret).doesNotContain(stack.demoToken);
  }

  @Test
  void invalidBodies_areRefusedWithStableCodes() throws Exception {
    HttpResponse<String> unknown =
        stack.call(
            "POST",
            "/api/v1/tokens",
            stack.demoToken,
            "{\"name\":\"x\",\"scopes\":[\"runs:read\"],\"admin\":true}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("\"code\":\"invalid_request\"");
    HttpResponse<String> scope =
        stack.call(
            "POST", "/api/v1/tokens", stack.demoToken, "{\"name\":\"x\",\"scopes\":[\"root\"]}");
    assertThat(scope.statusCode()).isEqualTo(400);
    assertThat(scope.body()).contains("unknown scope 'root'");
    HttpResponse<String> past =
        stack.call(
            "POST",
            "/api/v1/tokens",
            stack.demoToken,
            "{\"name\":\"x\",\"scopes\":[\"runs:read\"],\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(stack.call("GET", "/api/v1/no-such-thing", stack.demoToken, null).body())
        .contains("\"code\":\"not_found\"");
  }

  @Test
  void aTokenCannotGrantScopesItDoesNotHave() throws Exception {
    String admin =
        create(stack.demoToken, "{\"name\":\"admin-only\",\"scopes\":[\"tokens:admin\"]}")
            .get("token")
            .asText();
    HttpResponse<String> escalate =
        stack.call("POST", "/api/v1/tokens", admin, "{\"name\":\"x\",\"scopes\":[\"runs:write\"]}");
    assertThat(escalate.statusCode()).isEqualTo(403);
    assertThat(escalate.body()).contains("\"code\":\"forbidden\"");
  }

  @Test
  void tokenMutations_areRateLimitedWithRetryAfter() throws Exception {
    int status = 0;
    HttpResponse<String> last = null;
    for (int i = 0; i < 60 && status != 429; i++) {
      last =
          stack.call(
              "POST",
              "/api/v1/tokens",
              stack.otherToken,
              "{\"name\":\"burst\",\"scopes\":[\"runs:read\"]}");
      status = last.statusCode();
    }
    assertThat(status).isEqualTo(429);
    assertThat(last.body()).contains("\"code\":\"rate_limited\"");
    assertThat(last.headers().firstValue("Retry-After").map(Integer::parseInt))
        .hasValueSatisfying(s -> assertThat(s).isBetween(1, 61));
  }
}
