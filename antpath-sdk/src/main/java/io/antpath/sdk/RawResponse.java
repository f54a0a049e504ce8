package io.antpath.sdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A successful response with its HTTP details, from {@code client.runs().withRawResponse()}.
 *
 * <pre>{@code
 * RawResponse<Run> r = client.runs().withRawResponse().retrieve(runId);
 * System.out.println(r.statusCode() + " " + r.requestId().orElse("-"));
 * Run run = r.parse();
 * }</pre>
 *
 * @param statusCode the HTTP status, e.g. 201 for a new run or 200 for a replayed submission
 * @param headers the response headers (names as the server sent them)
 * @param value the parsed body
 * @param <T> what the body holds
 */
public record RawResponse<T>(int statusCode, Map<String, List<String>> headers, T value) {
  /** Copies the headers. */
  public RawResponse {
    headers = Map.copyOf(headers);
  }

  /**
   * The parsed body.
   *
   * @return the value
   */
  public T parse() {
    return value;
  }

  /**
   * The first value of a header, by case-insensitive name.
   *
   * @param name the header name
   * @return its first value, when present
   */
  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .flatMap(e -> e.getValue().stream())
        .findFirst();
  }

  /**
   * The server's request id ({@code X-Request-Id}), to quote in a support request.
   *
   * @return the request id, when the server sent one
   */
  public Optional<String> requestId() {
    return header("X-Request-Id");
  }
}
