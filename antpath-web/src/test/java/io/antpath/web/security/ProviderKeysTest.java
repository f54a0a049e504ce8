package io.antpath.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProviderKeysTest {
  private static final KeyPair FIRST = TestJwts.rsa();
  private static final KeyPair SECOND = TestJwts.rsa();

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-12-01T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock();
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicReference<JsonObject> served =
      new AtomicReference<>(TestJwts.jwks(TestJwts.rsaJwk("k1", FIRST)));
  private final ProviderKeys keys =
      new ProviderKeys(
          () -> {
            fetches.incrementAndGet();
            JsonObject jwks = served.get();
            if (jwks == null) {
              throw new java.io.IOException("provider down");
            }
            return jwks;
          },
          clock,
          Duration.ofSeconds(30),
          Duration.ofMinutes(10));

  @Test
  void knownKid_isServedFromTheCache() {
    assertThat(keys.key("k1", "RSA")).contains(FIRST.getPublic());
    assertThat(keys.key("k1", "RSA")).contains(FIRST.getPublic());
    assertThat(fetches).hasValue(1);
  }

  @Test
  void unknownKid_fetchesAgain_atMostOncePerMinimumInterval() {
    keys.key("k1", "RSA");
    served.set(TestJwts.jwks(TestJwts.rsaJwk("k1", FIRST), TestJwts.rsaJwk("k2", SECOND)));
    // Within the interval a made-up kid costs nothing, however often it is sent.
    for (int i = 0; i < 100; i++) {
      assertThat(keys.key("made-up-" + i, "RSA")).isEmpty();
    }
    assertThat(fetches).hasValue(1);
    clock.now = clock.now.plusSeconds(31);
    assertThat(keys.key("k2", "RSA")).contains(SECOND.getPublic());
    assertThat(fetches).hasValue(2);
  }

  @Test
  void oldSet_isFetchedAgain_soAWithdrawnKeyStopsVerifying() {
    keys.key("k1", "RSA");
    served.set(TestJwts.jwks(TestJwts.rsaJwk("k2", SECOND)));
    clock.now = clock.now.plus(Duration.ofMinutes(11));
    assertThat(keys.key("k1", "RSA")).isEmpty();
    assertThat(fetches).hasValue(2);
  }

  @Test
  void failedFetch_keepsTheKeysItHad() {
    keys.key("k1", "RSA");
    served.set(null);
    clock.now = clock.now.plus(Duration.ofMinutes(11));
    assertThat(keys.key("k1", "RSA")).contains(FIRST.getPublic());
  }

  @Test
  void keyOfAnotherType_orForEncryption_orSymmetric_isNotUsed() {
    KeyPair ec = TestJwts.ec();
    served.set(
        TestJwts.jwks(
            TestJwts.rsaJwk("k1", FIRST),
            Json.createObjectBuilder(TestJwts.rsaJwk("enc", SECOND)).add("use", "enc").build(),
            Json.createObjectBuilder(TestJwts.rsaJwk("rs512", SECOND)).add("alg", "RS512").build(),
            Json.createObjectBuilder()
                .add("kty", "oct")
                .add("kid", "hmac")
                .add("k", "c2VjcmV0")
                .build(),
            Json.createObjectBuilder()
                .add("kty", "RSA")
                .add("kid", "broken")
                .add("n", "!")
                .add("e", "AQAB")
                .build(),
            TestJwts.ecJwk("ec", ec)));
    assertThat(keys.key("k1", "EC")).isEmpty();
    assertThat(keys.key("enc", "RSA")).isEmpty();
    assertThat(keys.key("rs512", "RSA")).isEmpty();
    assertThat(keys.key("hmac", "RSA")).isEmpty();
    assertThat(keys.key("broken", "RSA")).isEmpty();
    assertThat(keys.key("ec", "EC")).contains(ec.getPublic());
  }
}
