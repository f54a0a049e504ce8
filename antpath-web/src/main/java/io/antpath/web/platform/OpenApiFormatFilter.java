package io.antpath.web.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * {@code /openapi} as JSON by default and YAML on request, each with its own media type.
 *
 * <p>Payara's MicroProfile OpenAPI servlet is registered inside this web application (its
 * initializer adds it to the application at context root {@code /}, mapped to {@code /openapi/*}),
 * so this filter runs in front of it. That servlet offers only {@code text/plain} (its YAML) and
 * {@code application/json}, prefers YAML when the client states no preference, and answers 406 with
 * the server's HTML page to anything else, {@code application/yaml} included. Here the request's
 * {@code Accept} is replaced by exactly one of its two types: YAML when {@code ?format=yaml} or
 * when the client prefers a YAML type ({@code application/yaml}, {@code application/x-yaml}, {@code
 * text/yaml}) or plain text over JSON, else JSON (no Accept, {@code *}{@code /*}, {@code
 * application/json}, or types the document does not come in: RFC 9110 lets a server disregard
 * Accept rather than refuse). A YAML answer asked for as YAML is labelled {@code application/yaml};
 * asked for as {@code text/plain}, it keeps that label. The servlet's own errors (405 for another
 * method) are answered as problem documents, and every answer carries {@code X-Request-Id} and
 * {@code nosniff}.
 */
@WebFilter(urlPatterns = "/openapi/*", asyncSupported = true)
public class OpenApiFormatFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  static final String YAML = "application/yaml";
  private static final List<String> YAML_TYPES =
      List.of(YAML, "application/x-yaml", "text/yaml", "text/x-yaml");

  @Inject transient RequestId requestIds;

  /** What the client gets: JSON, YAML labelled as YAML, or YAML labelled as plain text. */
  enum Format {
    JSON,
    YAML,
    TEXT
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader(
        RequestIdFilter.HEADER, requestIds.assign(request.getHeader(RequestIdFilter.HEADER)));
    response.setHeader("X-Content-Type-Options", "nosniff");
    Format format = choose(request.getParameter("format"), request.getHeaders("Accept"));
    String accept = format == Format.JSON ? "application/json" : "text/plain";
    HttpServletRequest asked =
        new HttpServletRequestWrapper(request) {
          @Override
          public String getHeader(String name) {
            return "Accept".equalsIgnoreCase(name) ? accept : super.getHeader(name);
          }

          @Override
          public Enumeration<String> getHeaders(String name) {
            return "Accept".equalsIgnoreCase(name)
                ? Collections.enumeration(List.of(accept))
                : super.getHeaders(name);
          }

          @Override
          public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
              String n = e.nextElement();
              if (!"Accept".equalsIgnoreCase(n)) {
                names.add(n);
              }
            }
            names.add("Accept");
            return Collections.enumeration(names);
          }
        };
    String id = response.getHeader(RequestIdFilter.HEADER);
    // Errors of Payara's servlet (405 for another method) as problem documents, not its HTML page.
    HttpServletResponse answer =
        new HttpServletResponseWrapper(response) {
          @Override
          public void sendError(int status, String message) throws IOException {
            ApiErrorFallback.problem(response, status, id);
          }

          @Override
          public void sendError(int status) throws IOException {
            ApiErrorFallback.problem(response, status, id);
          }
        };
    chain.doFilter(asked, format == Format.YAML ? new YamlLabel(answer) : answer);
  }

  /**
   * The format for {@code ?format=} (json or yaml, any case; other values are ignored, as Payara
   * ignores them) and the {@code Accept} header values.
   */
  static Format choose(String formatParam, Enumeration<String> acceptHeaders) {
    if (formatParam != null) {
      String f = formatParam.trim().toLowerCase(Locale.ROOT);
      if (f.equals("json")) {
        return Format.JSON;
      }
      if (f.equals("yaml")) {
        return Format.YAML;
      }
    }
    double json = 0;
    double yaml = 0;
    double text = 0;
    if (acceptHeaders != null) {
      for (String header : Collections.list(acceptHeaders)) {
        for (String range : header.split(",")) {
          String[] parts = range.split(";");
          String type = parts[0].trim().toLowerCase(Locale.ROOT);
          double q = quality(parts);
          if (type.equals("application/json")
              || type.equals("application/*")
              || type.equals("*/*")) {
            json = Math.max(json, q);
          }
          if (YAML_TYPES.contains(type)) {
            yaml = Math.max(yaml, q);
          }
          if (type.equals("text/plain")) {
            text = Math.max(text, q);
          }
        }
      }
    }
    if (yaml > 0 && yaml > json && yaml >= text) {
      return Format.YAML;
    }
    if (text > 0 && text > json) {
      return Format.TEXT;
    }
    return Format.JSON;
  }

  /** The q parameter of a media range (1 when absent, 0 when malformed). */
  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      if (p.length() > 2 && (p.startsWith("q=") || p.startsWith("Q="))) {
        try {
          double q = Double.parseDouble(p.substring(2).trim());
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  /** Relabels Payara's {@code text/plain} YAML as {@code application/yaml}. */
  private static final class YamlLabel extends HttpServletResponseWrapper {
    YamlLabel(HttpServletResponse response) {
      super(response);
    }

    private static String relabel(String type) {
      return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/plain")
          ? YAML + "; charset=UTF-8"
          : type;
    }

    @Override
    public void setContentType(String type) {
      super.setContentType(relabel(type));
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, "Content-Type".equalsIgnoreCase(name) ? relabel(value) : value);
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, "Content-Type".equalsIgnoreCase(name) ? relabel(value) : value);
    }
  }
}
