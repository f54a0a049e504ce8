package io.antpath.sim;

import static io.antpath.sim.SimJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** One request being answered. */
final class Call {
  final HttpExchange exchange;
  final String requestId;
  final Map<String, String> query;
  final String apiKey;
  final byte[] raw;
  Faults.LostAnswer lost;

  Call(HttpExchange exchange, String requestId) throws IOException {
    this.exchange = exchange;
    this.requestId = requestId;
    this.raw = exchange.getRequestBody().readAllBytes();
    this.query = SimJson.query(exchange.getRequestURI().getRawQuery());
    // The API takes the key as x-api-key; newer official clients send it as a bearer token.
    String key = exchange.getRequestHeaders().getFirst("x-api-key");
    String authorization = exchange.getRequestHeaders().getFirst("authorization");
    if (key == null
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = authorization.substring(7).trim();
    }
    this.apiKey = key;
  }

  JsonNode body() throws IOException {
    if (raw.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(raw);
    } catch (IOException e) {
      throw new ApiError(400, "invalid_request_error", "request body is not valid JSON");
    }
  }

  void json(int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    if (lost != null && status < 300) {
      if (lost.delay().isZero()) {
        throw new Faults.Drop();
      }
      try {
        Thread.sleep(lost.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.getResponseHeaders().set("request-id", requestId);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
