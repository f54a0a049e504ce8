package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint × every kind of bad or foreign credential: the status and code, and that no data
 * of the demo workspace leaks to the other tenant. Later issues add their endpoints to {@link
 * #endpoints()}.
 */
@ExtendWith(DemoStack.class)
class AuthorizationMatrixST {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DemoStack stack;
  private static String demoTokenId;
  private static String demoRunId;
  private static String revoked;
  private static String expired;
  private static String readOnly;
  private static String viewerAllScopes;
  private static String formerMember;

  /** method, path ({id} = a token of the demo workspace), body, needs tokens:admin. */
  static List<String[]> endpoints() {
    String run =
        "{\"agent\":{\"model\":\"m\"},\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"sk-ant-m\"}}";
    return List.of(
        new String[] {"GET", "/api/v1/workspace", null, "no"},
        new String[] {"GET", "/api/v1/tokens", null, "yes"},
        new String[] {
          "POST", "/api/v1/tokens", "{\"name\":\"m\",\"scopes\":[\"runs:read\"]}", "yes"
        },
        new String[] {"GET", "/api/v1/tokens/{id}", null, "yes"},
        new String[] {"DELETE", "/api/v1/tokens/{id}", null, "yes"},
        new String[] {"GET", "/api/v1/runs", null, "no"},
        new String[] {"POST", "/api/v1/runs", run, "yes"},
        new String[] {"GET", "/api/v1/runs/{run}", null, "no"},
        new String[] {"POST", "/api/v1/runs/{run}/cancel", null, "yes"},
        new String[] {"DELETE", "/api/v1/runs/{run}", null, "yes"},
        new String[] {"GET", "/api/v1/runs/{run}/events", null, "no"},
        // A read-only token lacks outputs:read; a viewer may read outputs.
        new String[] {"GET", "/api/v1/runs/{run}/outputs", null, "scope-only"});
  }

  @BeforeAll
  static void credentials() throws Exception {
    stack = DemoStack.get();
    demoTokenId =
        JSON.readTree(stack.call("GET", "/api/v1/tokens", stack.demoToken, null).body())
            .get("items")
            .get(0)
            .get("id")
            .asText();
    demoRunId =
        JSON.readTree(
                stack
                    .call(
                        "POST",
                        "/api/v1/runs",
                        stack.demoToken,
                        "{\"agent\":{\"model\":\"m\"},\"input\":\"x\",\"secrets\":{\"anthropicApiKey\":\"sk-ant-m\"}}")
                    .body())
            .get("id")
            .asText();
    revoked = created("{\"name\":\"r\",\"scopes\":[\"tokens:admin\"]}");
    String revokedId =
        JSON.readTree(stack.call("GET", "/api/v1/tokens", stack.demoToken, null).body())
            .get("items")
            .get(0)
            .get("id")
            .asText();
    stack.call("DELETE", "/api/v1/tokens/" + revokedId, stack.demoToken, null);
    expired =
        created(
            "{\"name\":\"e\",\"scopes\":[\"tokens:admin\"],\"expiresAt\":\""
                + Instant.now().plusSeconds(1)
                + "\"}");
    readOnly = created("{\"name\":\"ro\",\"scopes\":[\"runs:read\"]}");
    viewerAllScopes = tokenOfAMember("viewer");
    formerMember = tokenOfAMember("member");
    try (java.sql.Connection c = stack.db.connect();
        java.sql.Statement st = c.createStatement()) {
      st.execute(
          "delete from workspace_memberships where user_id = (select created_by_user_id from api_tokens"
              + " where secret_hash = sha256('"
              + formerMember
              + "'::bytea))");
    }
    Thread.sleep(1500);
  }

  /**
   * An all-scopes token whose creator has {@code role} in the demo workspace (written straight to
   * the database: the API would not let a viewer create a token).
   */
  private static String tokenOfAMember(String role) throws Exception {
    byte[] raw = new byte[32];
    new java.security.SecureRandom().nextBytes(raw);
    String secret = "apt_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    try (java.sql.Connection c = stack.db.connect();
        java.sql.Statement st = c.createStatement()) {
      st.execute(
          """
          with u as (insert into app_users (id, email) values (gen_random_uuid(), '%1$s-' || gen_random_uuid() || '@example.com') returning id),
               w as (select id from workspaces where slug = 'demo'),
               m as (insert into workspace_memberships (workspace_id, user_id, role) select w.id, u.id, '%1$s' from w, u)
          insert into api_tokens (id, workspace_id, name, token_prefix, secret_hash, scopes, created_by_user_id)
          select gen_random_uuid(), w.id, '%1$s token', substr('%2$s', 1, 12), sha256('%2$s'::bytea),
                 array['runs:read', 'runs:write', 'outputs:read', 'tokens:admin'], u.id from w, u
          """
              .formatted(role, secret));
    }
    return secret;
  }

  private static String created(String body) throws Exception {
    return JSON.readTree(stack.call("POST", "/api/v1/tokens", stack.demoToken, body).body())
        .get("token")
        .asText();
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (String[] e : endpoints()) {
      cases.add(Arguments.of(e[0], e[1], e[2], "none", 401, "unauthenticated"));
      cases.add(Arguments.of(e[0], e[1], e[2], "malformed", 401, "invalid_token"));
      cases.add(Arguments.of(e[0], e[1], e[2], "revoked", 401, "invalid_token"));
      cases.add(Arguments.of(e[0], e[1], e[2], "expired", 401, "invalid_token"));
      boolean admin = e[3].equals("yes");
      boolean scopeOnly = e[3].equals("scope-only");
      cases.add(
          Arguments.of(
              e[0],
              e[1],
              e[2],
              "wrong-scope",
              admin || scopeOnly ? 403 : 200,
              admin || scopeOnly ? "forbidden" : null));
      // A token never does more than its creator's current role allows, and dies with the
      // membership.
      cases.add(
          Arguments.of(
              e[0], e[1], e[2], "viewer-role", admin ? 403 : 200, admin ? "forbidden" : null));
      cases.add(Arguments.of(e[0], e[1], e[2], "creator-left", 401, "invalid_token"));
      boolean item = e[1].contains("{id}") || e[1].contains("{run}");
      cases.add(
          Arguments.of(
              e[0],
              e[1],
              e[2],
              "other-workspace",
              item ? 404 : e[0].equals("POST") ? 201 : 200,
              item ? "not_found" : null));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} with {3} -> {4}")
  @MethodSource("matrix")
  void endpoint_withCredential_answers(
      String method, String path, String body, String credential, int status, String code)
      throws Exception {
    String bearer =
        switch (credential) {
          case "none" -> null;
          case "malformed" -> "not-a-token";
          case "revoked" -> revoked;
          case "expired" -> expired;
          case "wrong-scope" -> readOnly;
          case "viewer-role" -> viewerAllScopes;
          case "creator-left" -> formerMember;
          default -> stack.otherToken;
        };
    HttpResponse<String> r =
        stack.call(
            method, path.replace("{id}", demoTokenId).replace("{run}", demoRunId), bearer, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    if (code != null) {
      assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
      assertThat(r.body()).contains("\"code\":\"" + code + "\"").contains("\"requestId\":\"req_");
      // The id quoted in the problem is the one in the response header.
      assertThat(r.body())
          .contains(
              "\"requestId\":\"" + r.headers().firstValue("X-Request-Id").orElseThrow() + "\"");
    }
    if (credential.equals("other-workspace")) {
      assertThat(r.body())
          .doesNotContain(demoTokenId)
          .doesNotContain(demoRunId)
          .doesNotContain("\"slug\":\"demo\"");
    }
  }
}
