package io.antpath.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * OpenID Connect sign-in settings; sign-in with a provider is offered only when an issuer is set.
 */
@Named
@ApplicationScoped
public class OidcSettings {
  @Inject Config config;

  public boolean isEnabled() {
    return issuer().isPresent();
  }

  Optional<String> issuer() {
    return value("antpath.oidc.issuer")
        .map(i -> i.endsWith("/") ? i.substring(0, i.length() - 1) : i);
  }

  String clientId() {
    return value("antpath.oidc.client-id").orElseThrow();
  }

  String clientSecret() {
    return value("antpath.oidc.client-secret").orElseThrow();
  }

  /** The audience an access token must name to be accepted on the API; the client id by default. */
  String apiAudience() {
    return value("antpath.oidc.api-audience").orElseGet(this::clientId);
  }

  /** Clock skew allowed on an access token's exp and nbf. */
  java.time.Duration apiClockSkew() {
    return java.time.Duration.ofSeconds(
        config.getOptionalValue("antpath.oidc.api-clock-skew-seconds", Long.class).orElse(60L));
  }

  /**
   * Where the provider sends the browser back: the public URL when configured, else this request's.
   */
  String redirectUri(HttpServletRequest request) {
    String base =
        value("antpath.http.public-url")
            .orElseGet(
                () ->
                    request.getScheme()
                        + "://"
                        + request.getServerName()
                        + ":"
                        + request.getServerPort());
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        + request.getContextPath()
        + "/oidc/callback";
  }

  private Optional<String> value(String key) {
    return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
  }
}
