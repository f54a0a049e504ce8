package io.antpath.web.security;

import jakarta.security.enterprise.credential.Credential;

/**
 * An identity whose ID token {@link OidcClient} verified. Only the callback servlet creates one
 * (never from request data), so the identity store can trust it.
 */
final class OidcCredential implements Credential {
  private final OidcClient.Identity identity;
  private final String clientAddress;

  OidcCredential(OidcClient.Identity identity, String clientAddress) {
    this.identity = identity;
    this.clientAddress = clientAddress;
  }

  OidcClient.Identity identity() {
    return identity;
  }

  String clientAddress() {
    return clientAddress;
  }
}
