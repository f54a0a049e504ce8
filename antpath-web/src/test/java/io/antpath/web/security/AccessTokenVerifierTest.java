package io.antpath.web.security;

import static io.antpath.web.security.TestJwts.b64;
import static io.antpath.web.security.TestJwts.claims;
import static io.antpath.web.security.TestJwts.header;
import static io.antpath.web.security.TestJwts.sign;
import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.web.security.AccessTokenVerifier.InvalidAccessTokenException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AccessTokenVerifierTest {
  private static final String ISSUER = "https://idp.example/realms/main";
  private static final String AUDIENCE = "antpath-api";
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final long IN_AN_HOUR = NOW.plusSeconds(3600).getEpochSecond();
  private static final KeyPair RSA = TestJwts.rsa();
  private static final KeyPair EC = TestJwts.ec();
  private static final KeyPair OTHER_RSA = TestJwts.rsa();

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final AccessTokenVerifier verifier =
      new AccessTokenVerifier(
          ISSUER,
          AUDIENCE,
          Duration.ofSeconds(60),
          clock,
          new ProviderKeys(
              () -> TestJwts.jwks(TestJwts.rsaJwk("rsa-1", RSA), TestJwts.ecJwk("ec-1", EC)),
              clock,
              Duration.ofSeconds(30),
              Duration.ofMinutes(10)));

  private static String rs256(JsonObject claims) {
    return sign(header("RS256", "rsa-1").build(), claims, "SHA256withRSA", RSA.getPrivate());
  }

  private String reason(String token) {
    try {
      verifier.verify(token);
      throw new AssertionError("accepted");
    } catch (InvalidAccessTokenException e) {
      return e.getMessage();
    }
  }

  @Test
  void goodRs256Token_isAccepted_withItsSubject() throws Exception {
    AccessTokenVerifier.Verified ok =
        verifier.verify(rs256(claims(ISSUER, AUDIENCE, IN_AN_HOUR).build()));
    assertThat(ok).isEqualTo(new AccessTokenVerifier.Verified(ISSUER, "subject-1"));
  }

  @Test
  void goodEs256Token_isAccepted() throws Exception {
    String token =
        sign(
            header("ES256", "ec-1").build(),
            claims(ISSUER, AUDIENCE, IN_AN_HOUR).build(),
            "SHA256withECDSAinP1363Format",
            EC.getPrivate());
    assertThat(verifier.verify(token).subject()).isEqualTo("subject-1");
  }

  @Test
  void audienceArray_containingTheApiAudience_isAccepted() throws Exception {
    JsonObject c =
        claims(ISSUER, AUDIENCE, IN_AN_HOUR)
            .add("aud", Json.createArrayBuilder().add("account").add(AUDIENCE))
            .build();
    assertThat(verifier.verify(rs256(c)).subject()).isEqualTo("subject-1");
  }

  @Test
  void otherIssuer_isRefused() {
    assertThat(reason(rs256(claims(ISSUER + "-other", AUDIENCE, IN_AN_HOUR).build())))
        .contains("issuer");
    assertThat(reason(rs256(claims(ISSUER + "/", AUDIENCE, IN_AN_HOUR).build())))
        .contains("issuer");
  }

  @Test
  void otherAudience_orNone_isRefused() {
    assertThat(reason(rs256(claims(ISSUER, "another-api", IN_AN_HOUR).build())))
        .contains("audience");
    assertThat(reason(rs256(claims(ISSUER, AUDIENCE, IN_AN_HOUR).remove("aud").build())))
        .contains("audience");
  }

  @Test
  void expiredToken_isRefused_butTheSkewIsAllowed() throws Exception {
    assertThat(reason(rs256(claims(ISSUER, AUDIENCE, NOW.getEpochSecond() - 61).build())))
        .contains("expired");
    assertThat(
            verifier
                .verify(rs256(claims(ISSUER, AUDIENCE, NOW.getEpochSecond() - 59).build()))
                .subject())
        .isEqualTo("subject-1");
  }

  @Test
  void tokenWithoutExp_orWithANonNumericOne_isRefused() {
    assertThat(reason(rs256(claims(ISSUER, AUDIENCE, IN_AN_HOUR).remove("exp").build())))
        .contains("exp");
    assertThat(reason(rs256(claims(ISSUER, AUDIENCE, IN_AN_HOUR).add("exp", "never").build())))
        .contains("exp");
  }

  @Test
  void tokenNotValidYet_isRefused() {
    assertThat(
            reason(
                rs256(
                    claims(ISSUER, AUDIENCE, IN_AN_HOUR)
                        .add("nbf", NOW.getEpochSecond() + 600)
                        .build())))
        .contains("nbf");
  }

  @Test
  void tokenWithoutSubject_isRefused() {
    assertThat(reason(rs256(claims(ISSUER, AUDIENCE, IN_AN_HOUR).remove("sub").build())))
        .contains("sub");
  }

  @Test
  void tokenSignedWithAnotherKey_underAKnownKid_isRefused() {
    String token =
        sign(
            header("RS256", "rsa-1").build(),
            claims(ISSUER, AUDIENCE, IN_AN_HOUR).build(),
            "SHA256withRSA",
            OTHER_RSA.getPrivate());
    assertThat(reason(token)).contains("signature");
  }

  @Test
  void tamperedClaims_doNotVerify() {
    String good = rs256(claims(ISSUER, AUDIENCE, IN_AN_HOUR).build());
    String[] parts = good.split("\\.");
    String forged =
        parts[0]
            + "."
            + b64(claims(ISSUER, AUDIENCE, IN_AN_HOUR).add("sub", "admin").build().toString())
            + "."
            + parts[2];
    assertThat(reason(forged)).contains("signature");
  }

  @Test
  void unknownKid_isRefused() {
    String token =
        sign(
            header("RS256", "rsa-unknown").build(),
            claims(ISSUER, AUDIENCE, IN_AN_HOUR).build(),
            "SHA256withRSA",
            RSA.getPrivate());
    assertThat(reason(token)).contains("no provider key");
  }

  @Test
  void missingKid_isRefused() {
    String token =
        sign(
            header("RS256", null).build(),
            claims(ISSUER, AUDIENCE, IN_AN_HOUR).build(),
            "SHA256withRSA",
            RSA.getPrivate());
    assertThat(reason(token)).contains("kid");
  }

  @Test
  void algNone_isRefused_withOrWithoutASignaturePart() {
    String unsigned =
        b64(header("none", "rsa-1").build().toString())
            + "."
            + b64(claims(ISSUER, AUDIENCE, IN_AN_HOUR).build().toString());
    assertThat(reason(unsigned + ".")).isEqualTo("not a compact JWS");
    assertThat(reason(unsigned + "." + b64("x"))).contains("algorithm not accepted");
  }

  @Test
  void hs256_keyedWithThePublicKey_isRefused() {
    JsonObject c = claims(ISSUER, AUDIENCE, IN_AN_HOUR).build();
    assertThat(
            reason(
                TestJwts.hmac(header("HS256", "rsa-1").build(), c, RSA.getPublic().getEncoded())))
        .contains("algorithm not accepted");
    assertThat(
            reason(
                TestJwts.hmac(
                    header("HS256", "rsa-1").build(),
                    c,
                    TestJwts.rsaJwk("rsa-1", RSA).toString().getBytes())))
        .contains("algorithm not accepted");
  }

  @Test
  void rs256HeaderOnAnEcKid_andOtherRsaAlgorithms_areRefused() {
    JsonObject c = claims(ISSUER, AUDIENCE, IN_AN_HOUR).build();
    assertThat(reason(sign(header("RS256", "ec-1").build(), c, "SHA256withRSA", RSA.getPrivate())))
        .contains("no provider key");
    assertThat(reason(sign(header("RS512", "rsa-1").build(), c, "SHA512withRSA", RSA.getPrivate())))
        .contains("algorithm not accepted");
  }

  @Test
  void criticalHeaderExtensions_areRefused() {
    String token =
        sign(
            header("RS256", "rsa-1").add("crit", Json.createArrayBuilder().add("exp")).build(),
            claims(ISSUER, AUDIENCE, IN_AN_HOUR).build(),
            "SHA256withRSA",
            RSA.getPrivate());
    assertThat(reason(token)).contains("critical");
  }

  @Test
  void garbage_isRefused_andNoMessageEchoesTheToken() {
    for (String garbage :
        new String[] {
          "",
          "apt_notajwt",
          "a.b",
          "a.b.c.d",
          "%%%.***.###",
          "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
          "bm90IGpzb24.bm90IGpzb24.c2ln",
          "x".repeat(AccessTokenVerifier.MAX_TOKEN_LENGTH) + ".a.b"
        }) {
      String why = reason(garbage);
      assertThat(why).isNotBlank();
      if (garbage.length() > 3) {
        assertThat(why).doesNotContain(garbage);
      }
    }
  }

  @Test
  void looksLikeJwt_tellsJwtsFromApiTokens() {
    assertThat(AccessTokenVerifier.looksLikeJwt(rs256(claims(ISSUER, AUDIENCE, 1).build())))
        .isTrue();
    assertThat(AccessTokenVerifier.looksLikeJwt("apt_" + "A".repeat(43))).isFalse();
    assertThat(AccessTokenVerifier.looksLikeJwt(null)).isFalse();
  }
}
