package io.antpath.st;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A reverse proxy between a generated client and the real server that checks every exchange against
 * the OpenAPI document: the request and the response (status, headers, body) by the
 * swagger-request-validator, plus what the document cannot say (every {@code /api} answer carries
 * {@code X-Request-Id} and {@code nosniff}, none is a 5xx). It records which operations, with which
 * statuses, were exercised, so the test can insist on all of them.
 */
final class ContractProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "host",
          "connection",
          "content-length",
          "expect",
          "upgrade",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "proxy-connection");

  private final HttpServer server;
  private final URI upstream;
  private final OpenApiInteractionValidator validator;
  private final Map<Pattern, String> templates = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Set<String> exercised = new ConcurrentSkipListSet<>();

  private ContractProxy(URI upstream, String document) throws IOException {
    this.upstream = upstream;
    this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    JsonNode paths = new ObjectMapper().readTree(document).get("paths");
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String template = it.next();
      templates.put(
          Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\.")), template);
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::forward);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  /** Every operation the document describes, as "METHOD /path". */
  static Set<String> documentedOperations(String document) throws IOException {
    Set<String> ops = new java.util.TreeSet<>();
    new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(document)
        .get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> ops.add(m.toUpperCase() + " " + p.getKey())));
    return ops;
  }

  /** Starts a proxy to {@code upstream} that holds its answers to {@code document} (JSON). */
  static ContractProxy start(URI upstream, String document) throws IOException {
    return new ContractProxy(upstream, document);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every way an exchange departed from the document, one line each; empty when none did. */
  List<String> violations() {
    return List.copyOf(violations);
  }

  /** "METHOD /template STATUS" of every exchange that went through. */
  Set<String> exercised() {
    return Set.copyOf(exercised);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI().toString()))
              .timeout(Duration.ofSeconds(60))
              .method(
                  method,
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      check(exchange, method, body, response);
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = response.body();
      boolean empty = answer.length == 0 || response.statusCode() == 204;
      exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : answer.length);
      if (!empty) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    } catch (IOException | RuntimeException e) {
      violations.add("proxy failed on " + exchange.getRequestURI() + ": " + e);
      throw e;
    }
  }

  private void check(
      HttpExchange exchange, String method, byte[] body, HttpResponse<byte[]> response) {
    URI uri = exchange.getRequestURI();
    String path = uri.getRawPath();
    String shown = method + " " + uri + " -> " + response.statusCode();
    String template = template(path);
    exercised.add(method + " " + template + " " + response.statusCode());
    SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
    exchange.getRequestHeaders().forEach(request::withHeader);
    query(uri.getRawQuery()).forEach(request::withQueryParam);
    if (body.length > 0) {
      request.withBody(body);
    }
    SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
    response.headers().map().forEach(answer::withHeader);
    if (response.body().length > 0) {
      answer.withBody(response.body());
    }
    ValidationReport report = validator.validate(request.build(), answer.build());
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        violations.add(shown + ": " + m.getKey() + " " + m.getMessage());
      }
    }
    if (response.statusCode() >= 500) {
      violations.add(shown + ": a server error");
    }
    if (path.startsWith("/api/")) {
      if (response.headers().firstValue("X-Request-Id").isEmpty()) {
        violations.add(shown + ": no X-Request-Id");
      }
      if (!response.headers().firstValue("X-Content-Type-Options").orElse("").equals("nosniff")) {
        violations.add(shown + ": no X-Content-Type-Options: nosniff");
      }
    }
  }

  private String template(String path) {
    for (Map.Entry<Pattern, String> t : templates.entrySet()) {
      if (t.getKey().matcher(path).matches()) {
        return t.getValue();
      }
    }
    return path + " (not in the document)";
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params
          .computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
