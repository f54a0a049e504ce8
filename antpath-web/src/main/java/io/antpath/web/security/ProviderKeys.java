package io.antpath.web.security;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The provider's signing keys (its JWKS), cached. A {@code kid} not in the cache makes it fetch the
 * set again, at most once per {@code minRefresh} (so a flood of tokens with made-up key ids costs
 * one fetch, not one per request); a set older than {@code maxAge} is fetched again on its next
 * use, so a key the provider withdrew stops verifying. A failed fetch keeps the keys it had.
 *
 * <p>Only signing keys antpath can use are kept: RSA, and EC on P-256, whose {@code use} is absent
 * or {@code sig}; a key that names its {@code alg} is kept only for RS256 or ES256.
 */
final class ProviderKeys implements AccessTokenVerifier.KeySource {
  private static final Logger LOG = Logger.getLogger(ProviderKeys.class.getName());

  /** Fetches the provider's current JWKS document. */
  interface Fetch {
    JsonObject jwks() throws Exception;
  }

  private record Entry(String kty, PublicKey key) {}

  private final Fetch fetch;
  private final Clock clock;
  private final Duration minRefresh;
  private final Duration maxAge;
  private Map<String, Entry> keys = Map.of();
  private Instant fetchedAt;

  ProviderKeys(Fetch fetch, Clock clock, Duration minRefresh, Duration maxAge) {
    this.fetch = fetch;
    this.clock = clock;
    this.minRefresh = minRefresh;
    this.maxAge = maxAge;
  }

  @Override
  public synchronized Optional<PublicKey> key(String kid, String kty) {
    Instant now = clock.instant();
    if (fetchedAt == null
        || now.isAfter(fetchedAt.plus(maxAge))
        || (!keys.containsKey(kid) && !now.isBefore(fetchedAt.plus(minRefresh)))) {
      refresh(now);
    }
    Entry e = keys.get(kid);
    return e != null && e.kty().equals(kty) ? Optional.of(e.key()) : Optional.empty();
  }

  private void refresh(Instant now) {
    fetchedAt = now;
    try {
      keys = parse(fetch.jwks());
    } catch (Exception e) {
      LOG.warning(
          "the OpenID Connect provider's keys could not be fetched: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    }
  }

  static Map<String, Entry> parse(JsonObject jwks) {
    Map<String, Entry> parsed = new HashMap<>();
    for (JsonValue v : jwks.getJsonArray("keys")) {
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        continue;
      }
      JsonObject k = v.asJsonObject();
      String kid = k.getString("kid", null);
      String use = k.getString("use", "sig");
      if (kid == null || !"sig".equals(use)) {
        continue;
      }
      try {
        toKey(k).ifPresent(key -> parsed.put(kid, key));
      } catch (GeneralSecurityException | RuntimeException e) {
        LOG.fine("skipped an unusable key of the provider's JWKS: " + e.getClass().getSimpleName());
      }
    }
    return Map.copyOf(parsed);
  }

  private static Optional<Entry> toKey(JsonObject k) throws GeneralSecurityException {
    String alg = k.getString("alg", null);
    switch (k.getString("kty", "")) {
      case "RSA" -> {
        if (alg != null && !"RS256".equals(alg)) {
          return Optional.empty();
        }
        return Optional.of(
            new Entry(
                "RSA",
                KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(number(k, "n"), number(k, "e")))));
      }
      case "EC" -> {
        if ((alg != null && !"ES256".equals(alg)) || !"P-256".equals(k.getString("crv", ""))) {
          return Optional.empty();
        }
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        ECPublicKeySpec spec =
            new ECPublicKeySpec(
                new ECPoint(number(k, "x"), number(k, "y")),
                params.getParameterSpec(ECParameterSpec.class));
        return Optional.of(new Entry("EC", KeyFactory.getInstance("EC").generatePublic(spec)));
      }
      default -> {
        // Symmetric ("oct") and other key types are never used to verify access tokens.
        return Optional.empty();
      }
    }
  }

  private static BigInteger number(JsonObject k, String name) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(k.getString(name)));
  }
}
