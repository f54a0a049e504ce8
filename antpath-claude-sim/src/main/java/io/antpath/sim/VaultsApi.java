package io.antpath.sim;

import static io.antpath.sim.ClaudeSimulator.AGENTS_BETA;
import static io.antpath.sim.Pages.find;
import static io.antpath.sim.SimJson.JSON;
import static io.antpath.sim.SimJson.id;
import static io.antpath.sim.SimJson.metadata;
import static io.antpath.sim.SimJson.resource;
import static io.antpath.sim.SimJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** {@code /v1/vaults} and their credentials; a credential's secret is never echoed back. */
final class VaultsApi {
  private final Store store;
  private final Map<String, ObjectNode> vaults;
  private final Map<String, ObjectNode> credentials;

  VaultsApi(Store store) {
    this.store = store;
    this.vaults = store.vaults;
    this.credentials = store.credentials;
  }

  void addRoutes(List<Route> r) {
    r.add(Route.of("POST", "/v1/vaults", AGENTS_BETA, this::createVault));
    r.add(Route.of("GET", "/v1/vaults", AGENTS_BETA, (c, m) -> Pages.list(c, vaults, null)));
    r.add(
        Route.of(
            "GET", "/v1/vaults/([^/]+)", AGENTS_BETA, (c, m) -> Pages.get(c, vaults, m.group(1))));
    r.add(Route.of("DELETE", "/v1/vaults/([^/]+)", AGENTS_BETA, this::deleteVault));
    r.add(Route.of("POST", "/v1/vaults/([^/]+)/credentials", AGENTS_BETA, this::createCredential));
    r.add(
        Route.of(
            "GET",
            "/v1/vaults/([^/]+)/credentials",
            AGENTS_BETA,
            (c, m) ->
                Pages.list(c, credentials, o -> o.path("vault_id").asText().equals(m.group(1)))));
    r.add(
        Route.of(
            "DELETE",
            "/v1/vaults/([^/]+)/credentials/([^/]+)",
            AGENTS_BETA,
            this::deleteCredential));
  }

  private void createVault(Call c, Matcher m) throws IOException {
    JsonNode in = c.body();
    String name = text(in, "display_name");
    if (name == null || name.isEmpty()) {
      throw new ApiError(400, "invalid_request_error", "display_name: required");
    }
    metadata(in);
    ObjectNode v = resource("vault", id("vlt_"));
    v.put("display_name", name);
    v.set("metadata", in.has("metadata") ? in.get("metadata") : JSON.createObjectNode());
    vaults.put(v.get("id").asText(), v);
    store.created(in);
    c.json(200, v);
  }

  private void deleteVault(Call c, Matcher m) throws IOException {
    String id = m.group(1);
    find(vaults, id);
    vaults.remove(id);
    credentials.values().removeIf(cr -> id.equals(cr.path("vault_id").asText()));
    c.json(200, JSON.createObjectNode().put("id", id).put("type", "vault_deleted"));
  }

  private void createCredential(Call c, Matcher m) throws IOException {
    String vaultId = m.group(1);
    find(vaults, vaultId);
    JsonNode in = c.body();
    JsonNode auth = in.get("auth");
    String type = auth == null ? null : text(auth, "type");
    if (type == null || text(auth, "mcp_server_url") == null) {
      throw new ApiError(
          400, "invalid_request_error", "auth: type and mcp_server_url are required");
    }
    ObjectNode echoed = JSON.createObjectNode().put("type", type);
    switch (type) {
      case "static_bearer" -> {
        if (text(auth, "token") == null) {
          throw new ApiError(400, "invalid_request_error", "auth.token: required");
        }
      }
      case "mcp_oauth" -> {
        if (text(auth, "access_token") == null) {
          throw new ApiError(400, "invalid_request_error", "auth.access_token: required");
        }
        echoed.put("expires_at", text(auth, "expires_at"));
      }
      default ->
          throw new ApiError(400, "invalid_request_error", "auth.type: static_bearer or mcp_oauth");
    }
    // Secrets are never echoed back.
    echoed.put("mcp_server_url", text(auth, "mcp_server_url"));
    ObjectNode cr = resource("vault_credential", id("vcrd_"));
    cr.put("vault_id", vaultId);
    cr.put("display_name", text(in, "display_name"));
    cr.set("auth", echoed);
    cr.set("metadata", in.has("metadata") ? in.get("metadata") : JSON.createObjectNode());
    credentials.put(cr.get("id").asText(), cr);
    c.json(200, cr);
  }

  private void deleteCredential(Call c, Matcher m) throws IOException {
    ObjectNode cr = find(credentials, m.group(2));
    if (!m.group(1).equals(cr.path("vault_id").asText())) {
      throw new ApiError(404, "not_found_error", "credential not found");
    }
    credentials.remove(m.group(2));
    c.json(
        200, JSON.createObjectNode().put("id", m.group(2)).put("type", "vault_credential_deleted"));
  }
}
