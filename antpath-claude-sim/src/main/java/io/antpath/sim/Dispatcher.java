package io.antpath.sim;

import static io.antpath.sim.ClaudeSimulator.AGENTS_BETA;
import static io.antpath.sim.SimJson.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;

/**
 * Answers every request: latency, recording, routing (404 unknown path, 405 wrong method),
 * authentication and beta headers, lost answers, and the error envelope.
 */
final class Dispatcher {
  private final Store store;
  private final Faults faults;
  private final List<ClaudeSimulator.Recording> recordings;
  private final List<Route> routes;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();

  Dispatcher(Store store, Faults faults, List<ClaudeSimulator.Recording> recordings) {
    this.store = store;
    this.faults = faults;
    this.recordings = recordings;
    SessionScript script = new SessionScript(store);
    SessionsApi sessions = new SessionsApi(store, script);
    List<Route> r = new ArrayList<>();
    new AgentsApi(store).addRoutes(r);
    new EnvironmentsApi(store).addRoutes(r);
    new VaultsApi(store).addRoutes(r);
    sessions.addRoutes(r);
    new EventsApi(sessions, script).addRoutes(r);
    new FilesApi(store).addRoutes(r);
    this.routes = List.copyOf(r);
  }

  long requestCount() {
    return requests.get();
  }

  void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    faults.pause();
    Call call = new Call(exchange, "req_sim" + Long.toString(sequence.incrementAndGet(), 36));
    for (ClaudeSimulator.Recording r : recordings) {
      r.add(exchange, call.raw);
    }
    try {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Route matched = null;
      Matcher matcher = null;
      boolean pathKnown = false;
      for (Route r : routes) {
        Matcher m = r.path().matcher(path);
        if (m.matches()) {
          pathKnown = true;
          if (r.method().equals(method)) {
            matched = r;
            matcher = m;
            break;
          }
        }
      }
      if (matched == null) {
        throw new ApiError(
            pathKnown ? 405 : 404,
            pathKnown ? "invalid_request_error" : "not_found_error",
            pathKnown ? "method not allowed" : "Not found");
      }
      authenticate(call, matched.beta());
      call.lost = faults.takeLostAnswer(method, path);
      matched.handler().handle(call, matcher);
    } catch (ApiError e) {
      ObjectNode body = JSON.createObjectNode().put("type", "error");
      body.putObject("error").put("type", e.type).put("message", e.getMessage());
      body.put("request_id", call.requestId);
      if (e.retryAfter != null) {
        exchange.getResponseHeaders().set("retry-after", e.retryAfter.toString());
      }
      call.json(e.status, body);
    } catch (Faults.Drop e) {
      // Close the socket under the client: no status line, no body.
      exchange.close();
      throw new IOException("simulated connection drop");
    } catch (RuntimeException e) {
      ObjectNode body = JSON.createObjectNode().put("type", "error");
      body.putObject("error").put("type", "api_error").put("message", "Internal server error");
      body.put("request_id", call.requestId);
      call.json(500, body);
    } finally {
      exchange.close();
    }
  }

  private void authenticate(Call call, String beta) {
    String key = call.apiKey;
    if (key == null || key.isBlank()) {
      throw new ApiError(401, "authentication_error", "x-api-key header is required");
    }
    if (!key.startsWith("sk-ant-") || store.revokedKeys.contains(key)) {
      throw new ApiError(401, "authentication_error", "invalid x-api-key");
    }
    String version = call.exchange.getRequestHeaders().getFirst("anthropic-version");
    if (version == null) {
      throw new ApiError(400, "invalid_request_error", "anthropic-version header is required");
    }
    List<String> betas =
        call.exchange.getRequestHeaders().getOrDefault("anthropic-beta", List.of());
    boolean has =
        betas.stream()
            .flatMap(v -> List.of(v.split(",")).stream())
            .map(String::trim)
            .anyMatch(beta::equals);
    if (!has && beta.equals(AGENTS_BETA)) {
      // The real API answers 404 on managed-agents paths without the beta header. The Files API
      // is not refused without its beta header: anthropic-java 3.x no longer sends it (it sends
      // ?beta=true), and the reference's files-api-2025-04-14 is still accepted when present.
      throw new ApiError(404, "not_found_error", "Not found");
    }
  }
}
