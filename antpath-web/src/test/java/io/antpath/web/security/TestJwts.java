package io.antpath.web.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Keys, JWKs and hand-signed JWTs for the verifier's tests (no JWT library on purpose). */
final class TestJwts {
  private TestJwts() {}

  static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String unsigned(BigInteger n) {
    byte[] raw = n.toByteArray();
    return b64(raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw);
  }

  private static String fixed32(BigInteger n) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return b64(out);
  }

  static JsonObject rsaJwk(String kid, KeyPair pair) {
    RSAPublicKey k = (RSAPublicKey) pair.getPublic();
    return Json.createObjectBuilder()
        .add("kty", "RSA")
        .add("kid", kid)
        .add("use", "sig")
        .add("alg", "RS256")
        .add("n", unsigned(k.getModulus()))
        .add("e", unsigned(k.getPublicExponent()))
        .build();
  }

  static JsonObject ecJwk(String kid, KeyPair pair) {
    ECPublicKey k = (ECPublicKey) pair.getPublic();
    return Json.createObjectBuilder()
        .add("kty", "EC")
        .add("kid", kid)
        .add("crv", "P-256")
        .add("x", fixed32(k.getW().getAffineX()))
        .add("y", fixed32(k.getW().getAffineY()))
        .build();
  }

  static JsonObject jwks(JsonObject... keys) {
    var array = Json.createArrayBuilder();
    for (JsonObject k : keys) {
      array.add(k);
    }
    return Json.createObjectBuilder().add("keys", array).build();
  }

  static JsonObjectBuilder claims(String issuer, String audience, long exp) {
    return Json.createObjectBuilder()
        .add("iss", issuer)
        .add("aud", audience)
        .add("sub", "subject-1")
        .add("exp", exp);
  }

  static JsonObjectBuilder header(String alg, String kid) {
    JsonObjectBuilder h = Json.createObjectBuilder().add("alg", alg).add("typ", "JWT");
    return kid == null ? h : h.add("kid", kid);
  }

  /** Header and claims signed with the JCA algorithm (SHA256withRSA, SHA256withECDSA...). */
  static String sign(JsonObject header, JsonObject claims, String jca, PrivateKey key) {
    String signed = b64(header.toString()) + "." + b64(claims.toString());
    try {
      Signature s = Signature.getInstance(jca);
      s.initSign(key);
      s.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + b64(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The classic confusion attack: HMAC-SHA256 keyed with the bytes of the public key. */
  static String hmac(JsonObject header, JsonObject claims, byte[] secret) {
    String signed = b64(header.toString()) + "." + b64(claims.toString());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return signed + "." + b64(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
