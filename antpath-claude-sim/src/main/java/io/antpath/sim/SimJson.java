package io.antpath.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The JSON vocabulary every resource shares: ids, timestamps, metadata, the resource envelope. */
final class SimJson {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong CLOCK = new AtomicLong();

  private SimJson() {}

  static Map<String, String> metadata(JsonNode in) {
    JsonNode md = in.get("metadata");
    Map<String, String> out = new LinkedHashMap<>();
    if (md == null || md.isNull()) {
      return out;
    }
    if (!md.isObject() || md.size() > 16) {
      throw new ApiError(
          400, "invalid_request_error", "metadata: an object of at most 16 string pairs");
    }
    for (Map.Entry<String, JsonNode> e : md.properties()) {
      if (!e.getValue().isTextual()
          || e.getKey().length() > 64
          || e.getValue().asText().length() > 512) {
        throw new ApiError(
            400,
            "invalid_request_error",
            "metadata: keys up to 64 and string values up to 512 characters");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  static ObjectNode resource(String type, String id) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", type);
    o.put("id", id);
    String now = now();
    o.put("created_at", now);
    o.put("updated_at", now);
    o.putNull("archived_at");
    return o;
  }

  static String id(String prefix) {
    byte[] raw = new byte[12];
    RANDOM.nextBytes(raw);
    // Time-ordered prefix so that ids sort by creation (pagination is by id): a logical clock that
    // never repeats, so two ids made in the same millisecond still sort in creation order.
    long tick = CLOCK.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    return prefix
        + String.format(Locale.ROOT, "%012x", tick)
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(raw)
            .replace('-', 'x')
            .replace('_', 'y');
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }
}
