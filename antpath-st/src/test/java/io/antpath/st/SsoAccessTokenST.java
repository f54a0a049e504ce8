package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API accepts access tokens (JWTs) of the configured OpenID Connect provider (here the mock
 * OAuth2 server the dashboard sign-in tests use) as the linked antpath user, in the workspace the
 * {@code Antpath-Workspace} header names or the user's only one, with their role there; a token of
 * another issuer or audience, an expired one or one signed with another key answers 401
 * problem+json; API tokens keep working.
 */
@ExtendWith(DemoStack.class)
class SsoAccessTokenST {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUDIENCE = "antpath-client";
  private final DemoStack stack = DemoStack.get();

  private String issuer() {
    return stack.oidc.issuerUrl("default").toString().replaceAll("/$", "");
  }

  /** A user linked to a new provider subject, with these roles by workspace slug. */
  private String userWith(Map<String, String> roles) throws Exception {
    String subject = "api-sub-" + UUID.randomUUID();
    UUID user = UUID.randomUUID();
    try (Connection c = stack.db.connect();
        PreparedStatement u =
            c.prepareStatement(
                "insert into app_users (id, email, oidc_issuer, oidc_subject) values (?, ?, ?, ?)");
        PreparedStatement m =
            c.prepareStatement(
                "insert into workspace_memberships (workspace_id, user_id, role)"
                    + " select id, ?, ? from workspaces where slug = ?")) {
      u.setObject(1, user);
      u.setString(2, subject + "@idp.example");
      u.setString(3, issuer());
      u.setString(4, subject);
      u.executeUpdate();
      for (Map.Entry<String, String> r : roles.entrySet()) {
        m.setObject(1, user);
        m.setString(2, r.getValue());
        m.setString(3, r.getKey());
        assertThat(m.executeUpdate()).isEqualTo(1);
      }
    }
    return subject;
  }

  private String jwt(String subject) {
    return stack.oidc.issueToken("default", subject, AUDIENCE, Map.of(), 3600).serialize();
  }

  private HttpResponse<String> call(
      String method, String path, String bearer, String body, String workspace) throws Exception {
    return stack.callWith(
        method,
        path,
        bearer,
        body,
        workspace == null ? null : new String[] {"Antpath-Workspace", workspace});
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static void assertProblem(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(r.body()).contains("\"code\":\"" + code + "\"");
  }

  @Test
  void memberOfOneWorkspace_submitsGetsListsAndCancelsARun_withoutNamingTheWorkspace()
      throws Exception {
    String token = jwt(userWith(Map.of("demo", "member")));

    HttpResponse<String> created =
        call("POST", "/api/v1/runs", token, RunsST.body("sso", "sk-ant-sso-run"), null);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).get("id").asText();

    HttpResponse<String> got = call("GET", "/api/v1/runs/" + id, token, null, null);
    assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
    assertThat(json(got).get("status").asText()).isEqualTo("queued");

    HttpResponse<String> list = call("GET", "/api/v1/runs?limit=100", token, null, null);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(list.body()).contains(id);

    // The run is the demo workspace's: its API token sees it too.
    assertThat(call("GET", "/api/v1/runs/" + id, stack.demoToken, null, null).statusCode())
        .isEqualTo(200);
    HttpResponse<String> canceled =
        call("POST", "/api/v1/runs/" + id + "/cancel", token, null, null);
    assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
    assertThat(
            stack.rowsAsJson("runs").stream().filter(r -> r.contains(id)).findFirst().orElseThrow())
        .contains("\"created_by_token_id\":null");
  }

  @Test
  void accountCreatedByTheDashboardSignIn_isTheOneTheAccessTokenActsAs() throws Exception {
    String subject = "dashboard-sub-" + UUID.randomUUID();
    stack.oidc.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "default",
            subject,
            "JWT",
            List.of(AUDIENCE),
            Map.of("email", subject + "@idp.example"),
            3600L));
    HttpResponse<String> signIn =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()
            .send(
                HttpRequest.newBuilder(stack.server.baseUri().resolve("/oidc/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(signIn.uri().getPath()).as(signIn.body()).isEqualTo("/app/index.xhtml");
    String token = jwt(subject);
    // Signed up, but in no workspace yet.
    assertProblem(call("GET", "/api/v1/runs", token, null, null), 400, "workspace_required");
    try (Connection c = stack.db.connect();
        PreparedStatement m =
            c.prepareStatement(
                "insert into workspace_memberships (workspace_id, user_id, role)"
                    + " select w.id, u.id, 'viewer' from workspaces w, app_users u"
                    + " where w.slug = 'demo-other' and u.oidc_subject = ?")) {
      m.setString(1, subject);
      assertThat(m.executeUpdate()).isEqualTo(1);
    }
    HttpResponse<String> ws = call("GET", "/api/v1/workspace", token, null, null);
    assertThat(ws.statusCode()).as(ws.body()).isEqualTo(200);
    assertThat(json(ws).get("slug").asText()).isEqualTo("demo-other");
  }

  @Test
  void memberOfSeveralWorkspaces_namesOne_bySlugOrId_withTheRoleThere() throws Exception {
    String token = jwt(userWith(Map.of("demo", "member", "demo-other", "viewer")));

    assertProblem(call("GET", "/api/v1/runs", token, null, null), 400, "workspace_required");

    HttpResponse<String> demo = call("GET", "/api/v1/workspace", token, null, "demo");
    assertThat(demo.statusCode()).as(demo.body()).isEqualTo(200);
    assertThat(json(demo).get("slug").asText()).isEqualTo("demo");

    String otherId =
        json(call("GET", "/api/v1/workspace", stack.otherToken, null, null)).get("id").asText();
    HttpResponse<String> other = call("GET", "/api/v1/workspace", token, null, otherId);
    assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
    assertThat(json(other).get("slug").asText()).isEqualTo("demo-other");

    // The SDK names the workspace on every call (AntpathClient.Builder.workspace).
    String base = stack.server.baseUri().toString();
    assertThatThrownBy(
            () ->
                io.antpath.sdk.AntpathClient.builder()
                    .baseUrl(base)
                    .apiToken(token)
                    .maxRetries(0)
                    .build()
                    .runs()
                    .list())
        .isInstanceOf(io.antpath.sdk.errors.BadRequestException.class)
        .hasMessageContaining("workspace_required");
    assertThat(
            io.antpath.sdk.AntpathClient.builder()
                .baseUrl(base)
                .apiToken(token)
                .workspace("demo")
                .maxRetries(0)
                .build()
                .runs()
                .list()
                .items())
        .isNotNull();

    // A viewer there: reading is allowed, submitting is not.
    assertThat(call("GET", "/api/v1/runs", token, null, "demo-other").statusCode()).isEqualTo(200);
    assertProblem(
        call("POST", "/api/v1/runs", token, RunsST.body("viewer", "sk-ant-viewer"), "demo-other"),
        403,
        "forbidden");
    assertProblem(call("GET", "/api/v1/tokens", token, null, "demo"), 403, "forbidden");
  }

  @Test
  void workspaceTheUserIsNotIn_orThatDoesNotExist_answers404() throws Exception {
    String token = jwt(userWith(Map.of("demo", "viewer")));
    assertProblem(call("GET", "/api/v1/runs", token, null, "demo-other"), 404, "not_found");
    assertProblem(call("GET", "/api/v1/runs", token, null, "no-such-ws"), 404, "not_found");
    assertProblem(
        call("GET", "/api/v1/runs", token, null, UUID.randomUUID().toString()), 404, "not_found");
  }

  @Test
  void userWithoutWorkspaces_mustNameOne_andIdentityWithoutAccount_isRefused() throws Exception {
    assertProblem(
        call("GET", "/api/v1/runs", jwt(userWith(Map.of())), null, null),
        400,
        "workspace_required");
    assertProblem(
        call("GET", "/api/v1/runs", jwt("nobody-" + UUID.randomUUID()), null, "demo"),
        401,
        "unknown_user");
  }

  @Test
  void tokensOfAnotherIssuerAudienceOrKey_andExpiredOnes_answer401() throws Exception {
    String subject = userWith(Map.of("demo", "owner"));
    SignedJWT good = stack.oidc.issueToken("default", subject, AUDIENCE, Map.of(), 3600);
    assertThat(call("GET", "/api/v1/runs", good.serialize(), null, null).statusCode())
        .isEqualTo(200);

    RSAKey otherKey = new RSAKeyGenerator(2048).keyID(good.getHeader().getKeyID()).generate();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(otherKey.getKeyID()).build(),
            good.getJWTClaimsSet());
    forged.sign(new RSASSASigner(otherKey));
    // Signed with the provider's own key, but naming another issuer: only the issuer is wrong
    // (the same token naming the right issuer is accepted).
    Map<String, Object> claims = Map.of("sub", subject, "aud", AUDIENCE);
    String rightIssuer =
        stack
            .oidc
            .anyToken(stack.oidc.issuerUrl("default"), claims, Duration.ofHours(1))
            .serialize();
    assertThat(call("GET", "/api/v1/runs", rightIssuer, null, null).statusCode()).isEqualTo(200);
    String otherIssuer =
        stack
            .oidc
            .anyToken(
                okhttp3.HttpUrl.get("http://idp.elsewhere.example/default"),
                claims,
                Duration.ofHours(1))
            .serialize();

    for (String bad :
        new String[] {
          stack.oidc.issueToken("other", subject, AUDIENCE, Map.of(), 3600).serialize(),
          stack.oidc.issueToken("default", subject, "another-api", Map.of(), 3600).serialize(),
          stack.oidc.issueToken("default", subject, AUDIENCE, Map.of(), -120).serialize(),
          forged.serialize(),
          otherIssuer,
          "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.eA",
          "not.a.jwt"
        }) {
      HttpResponse<String> r = call("GET", "/api/v1/runs", bad, null, "demo");
      assertProblem(r, 401, "invalid_token");
      for (String part : bad.split("\\.")) {
        if (part.length() > 8) {
          assertThat(r.body()).doesNotContain(part);
        }
      }
    }
    assertThat(stack.server.log()).doesNotContain(good.serialize().split("\\.")[2]);
  }

  @Test
  void apiTokens_keepWorking_andIgnoreTheWorkspaceHeader() throws Exception {
    HttpResponse<String> r = call("GET", "/api/v1/workspace", stack.demoToken, null, "demo-other");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("slug").asText()).isEqualTo("demo");
    assertProblem(
        call("GET", "/api/v1/runs", "apt_" + "A".repeat(43), null, null), 401, "invalid_token");
    HttpResponse<String> anonymous = call("GET", "/api/v1/runs", null, null, null);
    assertProblem(anonymous, 401, "unauthenticated");
  }
}
