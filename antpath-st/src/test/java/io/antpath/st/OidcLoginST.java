package io.antpath.st;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dashboard sign-in through an OpenID Connect provider (mock-oauth2-server): the first sign-in
 * creates the user; the next one finds the same user; a forged callback is refused.
 */
@ExtendWith(DemoStack.class)
class OidcLoginST {
  private final DemoStack stack = DemoStack.get();

  private HttpClient browserLikeClient() {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  private HttpResponse<String> signIn(HttpClient client, String subject, String email)
      throws Exception {
    stack.oidc.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "default",
            subject,
            "JWT",
            List.of("antpath-client"),
            Map.of("email", email, "name", "Olive Idc"),
            3600L));
    return client.send(
        HttpRequest.newBuilder(stack.server.baseUri().resolve("/oidc/login")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void firstSignIn_createsTheUser_andTheNextFindsTheSameUser() throws Exception {
    String subject = "sub-" + UUID.randomUUID();
    String email = subject + "@idp.example";
    HttpResponse<String> first = signIn(browserLikeClient(), subject, email);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.uri().getPath()).isEqualTo("/app/index.xhtml");
    assertThat(first.body()).contains("My workspaces");

    HttpResponse<String> second = signIn(browserLikeClient(), subject, email);
    assertThat(second.uri().getPath()).isEqualTo("/app/index.xhtml");

    List<String> users =
        stack.rowsAsJson("app_users").stream().filter(r -> r.contains(subject)).toList();
    assertThat(users).hasSize(1);
    assertThat(users.get(0))
        .contains(
            "\"oidc_issuer\":\"" + stack.oidc.issuerUrl("default").toString().replaceAll("/$", ""));
    assertThat(String.join("\n", stack.rowsAsJson("audit_log")))
        .contains("\"action\":\"login.oidc\"");
  }

  @Test
  void existingLocalAccountsEmail_isNotTakenOverThroughTheProvider() throws Exception {
    HttpResponse<String> r =
        signIn(browserLikeClient(), "sub-" + UUID.randomUUID(), "demo@antpath.local");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.uri().getPath()).isEqualTo("/oidc/callback");
  }

  @Test
  void forgedCallback_isRefused() throws Exception {
    HttpClient client = browserLikeClient();
    client.send(
        HttpRequest.newBuilder(stack.server.baseUri().resolve("/login.xhtml")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(
                    stack
                        .server
                        .baseUri()
                        .resolve(URI.create("/oidc/callback?code=stolen&state=guess")))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    HttpResponse<String> app =
        client.send(
            HttpRequest.newBuilder(stack.server.baseUri().resolve("/app/index.xhtml"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(app.uri().getPath()).isEqualTo("/login.xhtml");
  }
}
