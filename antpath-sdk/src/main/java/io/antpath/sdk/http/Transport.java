package io.antpath.sdk.http;

import io.antpath.sdk.errors.AntpathIoException;
import io.antpath.sdk.errors.AntpathServiceException;
import io.antpath.sdk.errors.RateLimitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends requests and retries what is worth retrying: 429, 5xx and connection failures, with
 * exponential backoff (0.5 s · 2^(n-1), at most 8 s, up to 25 % jitter), honouring {@code
 * Retry-After}. A POST is retried with the same Idempotency-Key the caller set, so a retry never
 * submits twice.
 */
public final class Transport {
  private static final Duration BASE = Duration.ofMillis(500);
  private static final Duration CAP = Duration.ofSeconds(8);

  private final HttpClient http;
  private final URI baseUrl;
  private final String bearer;
  private final Duration timeout;
  private final int maxRetries;
  private final Sleeper sleeper;
  private final RetryListener listener;

  public Transport(
      HttpClient http,
      URI baseUrl,
      String bearer,
      Duration timeout,
      int maxRetries,
      Sleeper sleeper,
      RetryListener listener) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.bearer = bearer;
    this.timeout = timeout;
    this.maxRetries = maxRetries;
    this.sleeper = sleeper;
    this.listener = listener;
  }

  /** The response of a successful call (2xx), after retries. */
  public record Response(int status, String body, Map<String, java.util.List<String>> headers) {
    public java.util.Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }
  }

  public Response send(
      String method, String path, String jsonBody, Map<String, String> extraHeaders) {
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(baseUrl.resolve(path))
              .timeout(timeout)
              .header("Accept", "application/json")
              .method(
                  method,
                  jsonBody == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(jsonBody));
      if (jsonBody != null) {
        b.header("Content-Type", "application/json");
      }
      if (bearer != null) {
        b.header("Authorization", "Bearer " + bearer);
      }
      extraHeaders.forEach(b::header);
      HttpResponse<String> response;
      try {
        response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt > maxRetries) {
          throw new AntpathIoException(
              "could not reach antpath at "
                  + baseUrl
                  + " ("
                  + e.getClass().getSimpleName()
                  + "); check ANTPATH_BASE_URL and that the server runs",
              e);
        }
        pause(attempt, 0, null, method, path);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AntpathIoException("interrupted while calling antpath", e);
      }
      int status = response.statusCode();
      if (status < 400) {
        return new Response(status, response.body(), response.headers().map());
      }
      AntpathServiceException error = error(status, response.body(), response.headers());
      if (retryable(status, attempt)) {
        pause(attempt, status, retryAfter(error), method, path);
        continue;
      }
      throw error;
    }
  }

  /**
   * Streams a GET of {@code url} (a signed link: absolute, or relative to the base URL) into {@code
   * out} with constant memory. The API token is not sent: the link carries its own authority, and
   * it may point at object storage that must never see the token. Failures before the body starts
   * are retried like any call; a failure mid-body is not (bytes were already written).
   *
   * @return the number of bytes written
   */
  public long download(String url, OutputStream out) {
    URI target = baseUrl.resolve(url);
    for (int attempt = 1; ; attempt++) {
      HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout).GET().build();
      HttpResponse<InputStream> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        if (attempt > maxRetries) {
          throw new AntpathIoException(
              "could not download from "
                  + target.getHost()
                  + " ("
                  + e.getClass().getSimpleName()
                  + ")",
              e);
        }
        pause(attempt, 0, null, "GET", "(signed link)");
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AntpathIoException("interrupted while downloading", e);
      }
      int status = response.statusCode();
      if (status >= 400) {
        String body;
        try (InputStream in = response.body()) {
          body = new String(in.readNBytes(16 * 1024), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
          body = "";
        }
        AntpathServiceException error = error(status, body, response.headers());
        if (retryable(status, attempt)) {
          pause(attempt, status, retryAfter(error), "GET", "(signed link)");
          continue;
        }
        throw error;
      }
      try (InputStream in = response.body()) {
        return in.transferTo(out);
      } catch (IOException e) {
        throw new AntpathIoException(
            "the download broke off (" + e.getClass().getSimpleName() + ")", e);
      }
    }
  }

  /** The exception for an error response, with the request id and Retry-After it carries. */
  private static AntpathServiceException error(
      int status, String body, java.net.http.HttpHeaders headers) {
    return ErrorMapper.map(
        status,
        body,
        headers.firstValue("X-Request-Id").orElse(null),
        headers.firstValue("Retry-After").orElse(null));
  }

  /** 429 and 5xx are worth another attempt while attempts remain. */
  private boolean retryable(int status, int attempt) {
    return (status == 429 || status >= 500) && attempt <= maxRetries;
  }

  private static Duration retryAfter(AntpathServiceException error) {
    return error instanceof RateLimitException r ? r.retryAfter().orElse(null) : null;
  }

  private void pause(int attempt, int status, Duration retryAfter, String method, String path) {
    Duration delay = retryAfter != null ? retryAfter : backoff(attempt);
    listener.retrying(attempt, status, delay, method, path);
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AntpathIoException("interrupted while waiting to retry", e);
    }
  }

  static Duration backoff(int attempt) {
    long millis = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt - 1, 10));
    long jitter = (long) (millis * 0.25 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis(millis - jitter);
  }
}
