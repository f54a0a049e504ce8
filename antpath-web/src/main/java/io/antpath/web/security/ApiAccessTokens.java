package io.antpath.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Access tokens of the configured OpenID Connect provider on the API. The provider's discovery
 * document gives the issuer (which must be the configured one) and the JWKS address; {@link
 * AccessTokenVerifier} checks each token against them, antpath's API audience ({@code
 * antpath.oidc.api-audience}, by default the client id) and the configured clock skew. Without a
 * configured provider no access token is accepted. Refusals are logged at FINE with their reason,
 * never with the token.
 */
@ApplicationScoped
public class ApiAccessTokens {
  private static final Logger LOG = Logger.getLogger(ApiAccessTokens.class.getName());

  /** After a failed discovery, requests do not fetch it again for this long. */
  private static final Duration DISCOVERY_RETRY = Duration.ofSeconds(30);

  /** Unknown key ids fetch the JWKS again at most this often. */
  private static final Duration KEYS_MIN_REFRESH = Duration.ofSeconds(30);

  /** The JWKS is fetched again on first use after this age (withdrawn keys stop verifying). */
  private static final Duration KEYS_MAX_AGE = Duration.ofMinutes(10);

  @Inject OidcSettings settings;
  @Inject OidcClient client;

  private AccessTokenVerifier verifier;
  private Instant discoveryFailedAt;

  /** Who a verified access token stands for at its provider. */
  public record Identity(String issuer, String subject) {}

  /** True when the bearer value has the shape of a JWT (and so is not an antpath API token). */
  public static boolean looksLikeJwt(String bearer) {
    return AccessTokenVerifier.looksLikeJwt(bearer);
  }

  /** The verified identity, or empty when it is not an access token antpath accepts. */
  public Optional<Identity> verify(String bearer) {
    if (!settings.isEnabled()) {
      return Optional.empty();
    }
    Optional<AccessTokenVerifier> v = verifier();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      AccessTokenVerifier.Verified ok = v.get().verify(bearer);
      return Optional.of(new Identity(ok.issuer(), ok.subject()));
    } catch (AccessTokenVerifier.InvalidAccessTokenException e) {
      LOG.fine(() -> "API access token refused: " + e.getMessage());
      return Optional.empty();
    }
  }

  private synchronized Optional<AccessTokenVerifier> verifier() {
    Instant now = Instant.now();
    if (verifier != null
        || (discoveryFailedAt != null && now.isBefore(discoveryFailedAt.plus(DISCOVERY_RETRY)))) {
      return Optional.ofNullable(verifier);
    }
    try {
      JsonObject discovery = client.discovery();
      String issuer = discovery.getString("issuer");
      if (!withoutTrailingSlash(issuer).equals(settings.issuer().orElseThrow())) {
        throw new IllegalStateException(
            "the provider's discovery document names another issuer than the configured one");
      }
      String jwksUri = discovery.getString("jwks_uri");
      verifier =
          new AccessTokenVerifier(
              issuer,
              settings.apiAudience(),
              settings.apiClockSkew(),
              Clock.systemUTC(),
              new ProviderKeys(
                  () -> client.get(jwksUri), Clock.systemUTC(), KEYS_MIN_REFRESH, KEYS_MAX_AGE));
    } catch (OidcClient.OidcException | RuntimeException e) {
      discoveryFailedAt = now;
      LOG.warning(
          "API access tokens cannot be verified: the OpenID Connect provider's discovery failed ("
              + e.getMessage()
              + "); trying again in "
              + DISCOVERY_RETRY.toSeconds()
              + " s");
    }
    return Optional.ofNullable(verifier);
  }

  private static String withoutTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
