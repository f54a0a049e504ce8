package io.antpath.web.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document at /openapi lists exactly the REST endpoints the code declares: adding an
 * endpoint that the document does not show (or shows under a wrong path) fails here.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {
  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.antpathWith(OpenApiIT.class);
  }

  @Test
  @RunAsClient
  void everyEndpoint_isDocumented(@ArquillianResource URL base) throws Exception {
    JsonObject paths = openApi(base).getJsonObject("paths");
    Set<String> documented = new TreeSet<>();
    for (String path : paths.keySet()) {
      for (String method : paths.getJsonObject(path).keySet()) {
        documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
      }
    }
    assertThat(documented).containsAll(declaredEndpoints());
    assertThat(documented).noneMatch(e -> e.contains("null"));
  }

  @Test
  @RunAsClient
  void everyOperation_hasASummary_andItsErrorsAsProblemDocuments(@ArquillianResource URL base)
      throws Exception {
    JsonObject doc = openApi(base);
    assertThat(doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem"))
        .as("Problem schema")
        .isNotNull();
    assertThat(
            doc.getJsonObject("components")
                .getJsonObject("schemas")
                .getJsonObject("Problem")
                .getJsonObject("properties")
                .keySet())
        .contains("type", "title", "status", "detail", "code", "requestId");
    JsonObject paths = doc.getJsonObject("paths");
    for (String endpoint : declaredEndpoints()) {
      String method = endpoint.substring(0, endpoint.indexOf(' ')).toLowerCase(Locale.ROOT);
      String path = endpoint.substring(endpoint.indexOf(' ') + 1);
      JsonObject op = paths.getJsonObject(path).getJsonObject(method);
      assertThat(op.getString("summary", "")).as(endpoint + " summary").isNotBlank();
      assertThat(op.getString("description", "")).as(endpoint + " description").isNotBlank();
      if (!path.equals("/api/v1")) {
        JsonObject responses = op.getJsonObject("responses");
        for (String status :
            path.contains("{")
                ? List.of("401", "403", "404", "429")
                : List.of("401", "403", "429")) {
          assertThat(
                  responses
                      .getJsonObject(status)
                      .getJsonObject("content")
                      .getJsonObject("application/problem+json")
                      .getJsonObject("schema")
                      .getString("$ref"))
              .as(endpoint + " " + status)
              .isEqualTo("#/components/schemas/Problem");
        }
      }
    }
    JsonObject submit = paths.getJsonObject("/api/v1/runs").getJsonObject("post");
    assertThat(submit.getJsonObject("responses").keySet()).contains("200", "201", "409");
    assertThat(submit.getJsonObject("requestBody").toString())
        .contains("claude-sonnet-4-5")
        .contains("anthropicApiKey");
    assertThat(
            paths
                .getJsonObject("/api/v1/runs/{id}/cancel")
                .getJsonObject("post")
                .getJsonObject("responses")
                .getJsonObject("409")
                .getString("description"))
        .contains("run_terminal");
  }

  @Test
  @RunAsClient
  void theDocument_isStrict_forGeneratedClients(@ArquillianResource URL base) throws Exception {
    JsonObject doc = openApi(base);
    assertThat(doc.keySet()).as("only OpenAPI members at the top").doesNotContain("endpoints");
    assertThat(doc.toString())
        .as("no scanner copies that forbid every property")
        .doesNotContain("\"maxProperties\":0");
    assertThat(doc.getJsonArray("tags").stream().map(t -> t.asJsonObject().getString("name")))
        .doesNotHaveDuplicates();
    assertThat(doc.getJsonObject("components").getJsonObject("securitySchemes").toString())
        .contains("\"bearerAuth\"")
        .contains("\"bearer\"");
    JsonObject paths = doc.getJsonObject("paths");
    Set<String> ids = new TreeSet<>();
    int operations = 0;
    for (String path : paths.keySet()) {
      for (String method : paths.getJsonObject(path).keySet()) {
        JsonObject op = paths.getJsonObject(path).getJsonObject(method);
        operations++;
        ids.add(op.getString("operationId"));
        assertThat(op.getJsonObject("responses").keySet())
            .as(method + " " + path)
            .doesNotContain("default")
            .anyMatch(s -> s.startsWith("2"));
        assertThat(op.containsKey("security")).as(method + " " + path + " security").isTrue();
      }
    }
    assertThat(ids).as("operation ids are unique").hasSize(operations);
    assertThat(ids)
        .contains(
            "createRun",
            "listRuns",
            "getRun",
            "cancelRun",
            "deleteRun",
            "createToken",
            "revokeToken",
            "downloadOutput",
            "getWorkspace");
    JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
    JsonObject run = schemas.getJsonObject("RunView").getJsonObject("properties");
    assertThat(run.getJsonObject("id").getString("format")).isEqualTo("uuid");
    assertThat(run.getJsonObject("createdAt").getString("format")).isEqualTo("date-time");
    assertThat(run.getJsonObject("status").getJsonArray("enum")).hasSize(7);
    assertThat(
            paths
                .getJsonObject("/api/v1/runs/{id}/cancel")
                .getJsonObject("post")
                .getJsonObject("responses")
                .getJsonObject("200")
                .toString())
        .contains("#/components/schemas/RunView");
    assertThat(
            paths
                .getJsonObject("/api/v1/tokens")
                .getJsonObject("post")
                .getJsonObject("responses")
                .getJsonObject("201")
                .toString())
        .contains("#/components/schemas/CreatedTokenView");
    assertThat(
            paths
                .getJsonObject("/api/v1/runs")
                .getJsonObject("post")
                .getJsonObject("responses")
                .getJsonObject("201")
                .getJsonObject("headers")
                .keySet())
        .contains("Location", "X-Request-Id");
    assertThat(
            paths
                .getJsonObject("/api/v1/downloads/{workspaceId}/{outputId}")
                .getJsonObject("get")
                .getJsonObject("responses")
                .keySet())
        .contains("200", "206", "416");
  }

  /**
   * The document; Payara builds it after the deployment and answers 404 until then (seen when
   * several deployments share the container), so this waits up to 60 s for it.
   */
  private static JsonObject openApi(URL base) throws Exception {
    HttpResponse<String> response = null;
    for (int i = 0; i < 120; i++) {
      response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(base.toURI().resolve("/openapi"))
                      .header("Accept", "application/json")
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 404) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  /** "METHOD /api/v1/path" for every resource method compiled into this module. */
  static Set<String> declaredEndpoints() throws IOException {
    Set<String> endpoints = new TreeSet<>();
    java.nio.file.Path classes = Paths.get("target", "classes");
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type;
        try {
          type = Class.forName(name, false, OpenApiIT.class.getClassLoader());
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
          continue;
        }
        Path root = type.getAnnotation(Path.class);
        if (root == null) {
          continue;
        }
        for (Method m : type.getDeclaredMethods()) {
          String verb =
              m.isAnnotationPresent(GET.class)
                  ? "GET"
                  : m.isAnnotationPresent(POST.class)
                      ? "POST"
                      : m.isAnnotationPresent(DELETE.class)
                          ? "DELETE"
                          : m.isAnnotationPresent(PUT.class) ? "PUT" : null;
          if (verb == null) {
            continue;
          }
          Path sub = m.getAnnotation(Path.class);
          String path =
              ("/api/v1/" + root.value() + (sub == null ? "" : "/" + sub.value()))
                  .replaceAll("/+", "/");
          endpoints.add(
              verb
                  + " "
                  + (path.length() > 1 && path.endsWith("/")
                      ? path.substring(0, path.length() - 1)
                      : path));
        }
      }
    }
    assertThat(endpoints)
        .as("endpoints found by scanning")
        .contains("POST /api/v1/runs", "DELETE /api/v1/runs/{id}");
    return endpoints;
  }
}
