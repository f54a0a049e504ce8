package io.antpath.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The keyset position every list hands out: opaque, and only what this server wrote reads back. */
class CursorTest {
  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCursorReadsBackAsWritten() {
    Instant at = Instant.parse("2026-12-01T22:10:00.123456Z");
    String id = UUID.randomUUID().toString();

    String text = new Cursor(at, id).encode();

    assertThat(text).doesNotContain("=", "|", "+", "/");
    assertThat(Cursor.decode(text)).contains(new Cursor(at, id));
  }

  @Test
  void theFormerWireFormReadsBack() {
    // What the lists wrote before this class: base64url of "instant|id", unpadded.
    assertThat(Cursor.decode(b64("2026-12-01T22:10:00Z|42")))
        .contains(new Cursor(Instant.parse("2026-12-01T22:10:00Z"), "42"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not base64 !",
        "bm8tYmFy", // "no-bar"
        "fDQy", // "|42": no instant
        "MjAyNi0xMi0wMVQyMjoxMDowMFp8", // "2026-12-01T22:10:00Z|": no id
      })
  void textThisServerDidNotWrite_isNoCursor(String text) {
    assertThat(Cursor.decode(text)).isEmpty();
  }

  @Test
  void anInstantNoStoreCanHold_isNoCursor() {
    // Instant.parse accepts it, PostgreSQL would not: years 1-9999 only, as for every instant.
    assertThat(Cursor.decode(b64("+1000000-01-01T00:00:00Z|42"))).isEmpty();
    assertThat(Cursor.decode(null)).isEmpty();
  }
}
