package io.antpath.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The authorization-code flow with PKCE against the configured provider: discovery, the
 * authorization URL, the code exchange, and verification of the ID token (RS256 signature against
 * the provider's JWKS, issuer, audience, expiry, nonce). Uses only the JDK and JSON-P.
 */
@ApplicationScoped
public class OidcClient {
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Inject OidcSettings settings;

  private volatile JsonObject discovery;
  private volatile JsonObject jwks;

  /** The verified identity from an ID token. */
  public record Identity(String issuer, String subject, String email, String name) {}

  /** The provider rejected the sign-in, or its answer did not verify. Never contains tokens. */
  public static final class OidcException extends Exception {
    private static final long serialVersionUID = 1L;

    OidcException(String message) {
      super(message);
    }
  }

  public String authorizationUrl(String redirectUri, String state, String nonce, String verifier)
      throws OidcException {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", settings.clientId());
    q.put("redirect_uri", redirectUri);
    q.put("scope", "openid email profile");
    q.put("state", state);
    q.put("nonce", nonce);
    q.put("code_challenge", challenge(verifier));
    q.put("code_challenge_method", "S256");
    return discovery().getString("authorization_endpoint") + "?" + form(q);
  }

  public Identity exchange(String code, String redirectUri, String nonce, String verifier)
      throws OidcException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", redirectUri);
    body.put("client_id", settings.clientId());
    body.put("client_secret", settings.clientSecret());
    body.put("code_verifier", verifier);
    JsonObject tokens = post(discovery().getString("token_endpoint"), form(body));
    if (!tokens.containsKey("id_token")) {
      throw new OidcException("the provider returned no ID token");
    }
    return verify(tokens.getString("id_token"), nonce);
  }

  Identity verify(String idToken, String nonce) throws OidcException {
    String[] parts = idToken.split("\\.");
    if (parts.length != 3) {
      throw new OidcException("the ID token is not a signed JWT");
    }
    JsonObject header = json(decode(parts[0]));
    JsonObject claims = json(decode(parts[1]));
    if (!"RS256".equals(header.getString("alg", ""))) {
      throw new OidcException("unsupported ID token algorithm");
    }
    checkSignature(
        header.getString("kid", null),
        parts[0] + "." + parts[1],
        Base64.getUrlDecoder().decode(parts[2]));
    String issuer = discovery().getString("issuer");
    if (!issuer.equals(claims.getString("iss", ""))) {
      throw new OidcException("the ID token has the wrong issuer");
    }
    if (!audienceContains(claims.get("aud"), settings.clientId())) {
      throw new OidcException("the ID token is not for this client");
    }
    Instant now = Instant.now();
    if (!claims.containsKey("exp")
        || Instant.ofEpochSecond(claims.getJsonNumber("exp").longValue())
            .plus(CLOCK_SKEW)
            .isBefore(now)) {
      throw new OidcException("the ID token has expired");
    }
    if (!nonce.equals(claims.getString("nonce", ""))) {
      throw new OidcException("the ID token does not answer this sign-in (nonce)");
    }
    return new Identity(
        issuer,
        claims.getString("sub"),
        claims.getString("email", null),
        claims.getString("name", null));
  }

  private void checkSignature(String kid, String signedPart, byte[] signature)
      throws OidcException {
    for (int attempt = 0; attempt < 2; attempt++) {
      for (JsonValue k : keys(attempt == 1).getJsonArray("keys")) {
        JsonObject key = k.asJsonObject();
        if (!"RSA".equals(key.getString("kty", ""))
            || (kid != null && !kid.equals(key.getString("kid", null)))) {
          continue;
        }
        try {
          PublicKey publicKey =
              KeyFactory.getInstance("RSA")
                  .generatePublic(
                      new RSAPublicKeySpec(
                          new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("n"))),
                          new BigInteger(1, Base64.getUrlDecoder().decode(key.getString("e")))));
          Signature verifier = Signature.getInstance("SHA256withRSA");
          verifier.initVerify(publicKey);
          verifier.update(signedPart.getBytes(StandardCharsets.US_ASCII));
          if (verifier.verify(signature)) {
            return;
          }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
          // Try the next key; a bad key never verifies.
        }
      }
    }
    throw new OidcException("the ID token signature does not verify");
  }

  private JsonObject keys(boolean refresh) throws OidcException {
    if (jwks == null || refresh) {
      jwks = get(discovery().getString("jwks_uri"));
    }
    return jwks;
  }

  JsonObject discovery() throws OidcException {
    if (discovery == null) {
      String issuer =
          settings
              .issuer()
              .orElseThrow(() -> new OidcException("OpenID Connect is not configured"));
      discovery = get(issuer + "/.well-known/openid-configuration");
    }
    return discovery;
  }

  private static boolean audienceContains(JsonValue aud, String clientId) {
    if (aud == null) {
      return false;
    }
    if (aud.getValueType() == JsonValue.ValueType.STRING) {
      return clientId.equals(((JsonString) aud).getString());
    }
    return aud.getValueType() == JsonValue.ValueType.ARRAY
        && aud.asJsonArray().getValuesAs(JsonString.class).stream()
            .anyMatch(s -> clientId.equals(s.getString()));
  }

  JsonObject get(String url) throws OidcException {
    return send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
  }

  private JsonObject post(String url, String form) throws OidcException {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  private JsonObject send(HttpRequest request) throws OidcException {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new OidcException(
            "the provider answered HTTP "
                + response.statusCode()
                + " at "
                + request.uri().getPath());
      }
      return json(response.body());
    } catch (IOException e) {
      throw new OidcException("the provider could not be reached: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OidcException("interrupted");
    }
  }

  private static JsonObject json(String text) throws OidcException {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw new OidcException("the provider sent malformed JSON");
    }
  }

  private static String decode(String part) throws OidcException {
    try {
      return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new OidcException("the ID token is not valid base64url");
    }
  }

  static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
