package io.antpath.web.security;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verifies a JWS-signed JWT access token of the configured OpenID Connect provider: compact form,
 * {@code alg} RS256 or ES256 only (never {@code none}, never an HMAC, whatever the header says), a
 * {@code kid} naming a key of the provider's JWKS, the signature, {@code iss} equal to the
 * provider's issuer, {@code aud} containing antpath's API audience, {@code exp} required and not
 * passed, {@code nbf} (when present) reached, and a {@code sub}. Clock skew is allowed on both
 * times. Pure: the keys come from a {@link KeySource}, the time from a {@link Clock}.
 *
 * <p>Failures say why in {@link InvalidAccessTokenException#getMessage()} for the server log; no
 * message ever contains the token or any part of it.
 */
final class AccessTokenVerifier {
  /** Larger than any real access token; a bound on what is decoded and parsed. */
  static final int MAX_TOKEN_LENGTH = 16 * 1024;

  private static final Pattern COMPACT =
      Pattern.compile("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");

  /** Where the verifier finds the provider's public key for a {@code kid} and key type. */
  interface KeySource {
    /**
     * @param kty {@code RSA} or {@code EC}
     */
    Optional<PublicKey> key(String kid, String kty);
  }

  /** The verified subject. */
  record Verified(String issuer, String subject) {}

  /** The token is not one antpath accepts; the message says why (never the token). */
  static final class InvalidAccessTokenException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidAccessTokenException(String reason) {
      super(reason);
    }
  }

  private final String issuer;
  private final String audience;
  private final Duration clockSkew;
  private final Clock clock;
  private final KeySource keys;

  AccessTokenVerifier(
      String issuer, String audience, Duration clockSkew, Clock clock, KeySource keys) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.audience = Objects.requireNonNull(audience, "audience");
    this.clockSkew = Objects.requireNonNull(clockSkew, "clock skew");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** True when the bearer value has the shape of a compact JWS (three base64url parts). */
  static boolean looksLikeJwt(String bearer) {
    return bearer != null
        && bearer.length() <= MAX_TOKEN_LENGTH
        && COMPACT.matcher(bearer).matches();
  }

  Verified verify(String token) throws InvalidAccessTokenException {
    if (!looksLikeJwt(token)) {
      throw new InvalidAccessTokenException("not a compact JWS");
    }
    String[] parts = token.split("\\.");
    JsonObject header = json(parts[0], "header");
    Alg alg = Alg.of(string(header, "alg"));
    if (header.containsKey("crit")) {
      throw new InvalidAccessTokenException("critical header extensions are not supported");
    }
    String kid = string(header, "kid");
    if (kid == null || kid.isEmpty()) {
      throw new InvalidAccessTokenException("no kid in the header");
    }
    PublicKey key =
        keys.key(kid, alg.kty)
            .orElseThrow(() -> new InvalidAccessTokenException("no provider key for this kid"));
    if (!alg.verifies(key, parts[0] + "." + parts[1], base64url(parts[2], "signature"))) {
      throw new InvalidAccessTokenException("the signature does not verify");
    }
    JsonObject claims = json(parts[1], "claims");
    checkClaims(claims);
    return new Verified(issuer, string(claims, "sub"));
  }

  private void checkClaims(JsonObject claims) throws InvalidAccessTokenException {
    if (!issuer.equals(string(claims, "iss"))) {
      throw new InvalidAccessTokenException("the issuer is not the configured provider");
    }
    if (!audienceContains(claims.get("aud"))) {
      throw new InvalidAccessTokenException("the audience does not name antpath's API");
    }
    Instant now = clock.instant();
    Instant exp =
        epochSeconds(claims, "exp")
            .orElseThrow(() -> new InvalidAccessTokenException("no exp claim"));
    if (now.isAfter(exp.plus(clockSkew))) {
      throw new InvalidAccessTokenException("the token has expired");
    }
    Optional<Instant> nbf = epochSeconds(claims, "nbf");
    if (nbf.isPresent() && now.plus(clockSkew).isBefore(nbf.get())) {
      throw new InvalidAccessTokenException("the token is not valid yet (nbf)");
    }
    String subject = string(claims, "sub");
    if (subject == null || subject.isBlank()) {
      throw new InvalidAccessTokenException("no sub claim");
    }
  }

  private boolean audienceContains(JsonValue aud) {
    if (aud instanceof JsonString s) {
      return audience.equals(s.getString());
    }
    return aud != null
        && aud.getValueType() == JsonValue.ValueType.ARRAY
        && aud.asJsonArray().stream()
            .anyMatch(v -> v instanceof JsonString s && audience.equals(s.getString()));
  }

  private static Optional<Instant> epochSeconds(JsonObject claims, String name)
      throws InvalidAccessTokenException {
    JsonValue v = claims.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof JsonNumber n)) {
      throw new InvalidAccessTokenException(name + " is not a number");
    }
    try {
      return Optional.of(Instant.ofEpochSecond(n.bigDecimalValue().longValueExact()));
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new InvalidAccessTokenException(name + " is not a whole number of seconds");
    }
  }

  private static String string(JsonObject o, String name) {
    return o.get(name) instanceof JsonString s ? s.getString() : null;
  }

  private static JsonObject json(String part, String what) throws InvalidAccessTokenException {
    String text = new String(base64url(part, what), StandardCharsets.UTF_8);
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw new InvalidAccessTokenException("the " + what + " is not a JSON object");
    }
  }

  private static byte[] base64url(String part, String what) throws InvalidAccessTokenException {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new InvalidAccessTokenException("the " + what + " is not base64url");
    }
  }

  /** The accepted algorithms. Anything else (none, HS*, PS*, RS512 ...) is refused. */
  private enum Alg {
    RS256("RSA", "SHA256withRSA", -1),
    // JWS carries an ECDSA signature as R || S (32 bytes each for P-256), not DER.
    ES256("EC", "SHA256withECDSAinP1363Format", 64);

    final String kty;
    final String jca;
    final int signatureLength;

    Alg(String kty, String jca, int signatureLength) {
      this.kty = kty;
      this.jca = jca;
      this.signatureLength = signatureLength;
    }

    static Alg of(String name) throws InvalidAccessTokenException {
      for (Alg a : values()) {
        if (a.name().equals(name)) {
          return a;
        }
      }
      throw new InvalidAccessTokenException("algorithm not accepted (RS256 and ES256 only)");
    }

    boolean verifies(PublicKey key, String signedPart, byte[] signature) {
      if (signatureLength > 0 && signature.length != signatureLength) {
        return false;
      }
      try {
        Signature verifier = Signature.getInstance(jca);
        verifier.initVerify(key);
        verifier.update(signedPart.getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(signature);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // A key of the wrong type or a malformed signature never verifies.
        return false;
      }
    }
  }
}
