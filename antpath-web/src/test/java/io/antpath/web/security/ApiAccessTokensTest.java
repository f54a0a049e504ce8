package io.antpath.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The glue: settings, the provider's discovery document, and no provider at all. */
class ApiAccessTokensTest {
  private static final String ISSUER = "https://idp.example/realms/main";
  private static final KeyPair KEY = TestJwts.rsa();

  private final AtomicInteger providerCalls = new AtomicInteger();

  private ApiAccessTokens tokens(Map<String, String> settings, String discoveredIssuer) {
    OidcSettings oidcSettings = new OidcSettings();
    oidcSettings.config =
        (Config)
            Proxy.newProxyInstance(
                Config.class.getClassLoader(),
                new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getOptionalValue")) {
                    String value = settings.get((String) args[0]);
                    return args[1] == Long.class
                        ? Optional.ofNullable(value).map(Long::valueOf)
                        : Optional.ofNullable(value);
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    ApiAccessTokens tokens = new ApiAccessTokens();
    tokens.settings = oidcSettings;
    tokens.client =
        new OidcClient() {
          @Override
          JsonObject discovery() {
            providerCalls.incrementAndGet();
            return jakarta.json.Json.createObjectBuilder()
                .add("issuer", discoveredIssuer)
                .add("jwks_uri", ISSUER + "/certs")
                .build();
          }

          @Override
          JsonObject get(String url) {
            providerCalls.incrementAndGet();
            return TestJwts.jwks(TestJwts.rsaJwk("k1", KEY));
          }
        };
    return tokens;
  }

  private static String token(String audience) {
    return TestJwts.sign(
        TestJwts.header("RS256", "k1").build(),
        TestJwts.claims(ISSUER, audience, Instant.now().plusSeconds(300).getEpochSecond()).build(),
        "SHA256withRSA",
        KEY.getPrivate());
  }

  @Test
  void withoutAProvider_noJwtIsAccepted_andNothingIsFetched() {
    ApiAccessTokens tokens = tokens(Map.of(), ISSUER);
    assertThat(tokens.verify(token("antpath-client"))).isEmpty();
    assertThat(providerCalls).hasValue(0);
  }

  @Test
  void theAudienceIsTheClientId_unlessConfigured() {
    Map<String, String> base =
        Map.of("antpath.oidc.issuer", ISSUER + "/", "antpath.oidc.client-id", "antpath-client");
    assertThat(tokens(base, ISSUER).verify(token("antpath-client")))
        .contains(new ApiAccessTokens.Identity(ISSUER, "subject-1"));
    Map<String, String> api = new java.util.HashMap<>(base);
    api.put("antpath.oidc.api-audience", "https://antpath.example/api");
    assertThat(tokens(api, ISSUER).verify(token("antpath-client"))).isEmpty();
    assertThat(tokens(api, ISSUER).verify(token("https://antpath.example/api"))).isPresent();
  }

  @Test
  void aDiscoveryDocumentNamingAnotherIssuer_acceptsNothing_andIsNotFetchedOnEveryRequest() {
    ApiAccessTokens tokens =
        tokens(
            Map.of("antpath.oidc.issuer", ISSUER, "antpath.oidc.client-id", "antpath-client"),
            "https://evil.example/realms/main");
    for (int i = 0; i < 5; i++) {
      assertThat(tokens.verify(token("antpath-client"))).isEmpty();
    }
    assertThat(providerCalls).hasValue(1);
  }
}
