package io.antpath.sdk.internal;

import io.antpath.sdk.RequestOptions;
import io.antpath.sdk.errors.AntpathIoException;
import io.antpath.sdk.errors.AntpathServiceException;
import io.antpath.sdk.http.RetryListener;
import io.antpath.sdk.http.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Not API: sends requests and retries what is worth retrying — 408, 429, 5xx and connection
 * failures — with exponential backoff (0.5 s · 2^(n-1), at most 8 s, up to 25 % jitter), or after
 * the server's {@code Retry-After} (delta-seconds or HTTP-date) when it is at most {@link
 * #MAX_RETRY_AFTER}; a longer one is not waited for (the error is thrown). Every POST carries an
 * {@code Idempotency-Key}, generated once per logical call unless the caller set one, and reused on
 * every retry.
 */
public final class Transport {
  /** The longest {@code Retry-After} the SDK waits for by itself. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private static final Duration BASE = Duration.ofMillis(500);
  private static final Duration CAP = Duration.ofSeconds(8);

  private final HttpClient http;
  private final URI baseUrl;
  private final String bearer;
  private final RequestOptions defaults;
  private final Sleeper sleeper;
  private final RetryListener listener;
  private final Clock clock;

  /**
   * @param defaults timeout and max retries must be set; headers are sent on every call
   */
  public Transport(
      HttpClient http,
      URI baseUrl,
      String bearer,
      RequestOptions defaults,
      Sleeper sleeper,
      RetryListener listener,
      Clock clock) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.bearer = bearer;
    this.defaults = defaults;
    this.sleeper = sleeper;
    this.listener = listener;
    this.clock = clock;
  }

  /** A copy whose defaults are {@code options} over these. */
  public Transport withDefaults(RequestOptions options) {
    return new Transport(http, baseUrl, bearer, merge(defaults, options), sleeper, listener, clock);
  }

  /** The defaults this transport applies to every call. */
  public RequestOptions defaults() {
    return defaults;
  }

  /** The base URL, ending in a slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * The response of a successful call (status below 400), after retries.
   *
   * @param status the HTTP status
   * @param body the body as text
   * @param headers the response headers
   */
  public record Response(int status, String body, Map<String, List<String>> headers) {}

  /** {@code options} over {@code base}: set values win, headers are combined. */
  static RequestOptions merge(RequestOptions base, RequestOptions options) {
    if (options == null) {
      return base;
    }
    RequestOptions.Builder b = base.toBuilder();
    options.timeout().ifPresent(b::timeout);
    options.maxRetries().ifPresent(b::maxRetries);
    options.idempotencyKey().ifPresent(b::idempotencyKey);
    options.headers().forEach(b::putHeader);
    return b.build();
  }

  /** Sends one logical call (with its retries) and returns its successful response. */
  public Response send(String method, String path, String jsonBody, RequestOptions perCall) {
    RequestOptions o = merge(defaults, perCall);
    Duration timeout = o.timeout().orElseThrow();
    int maxRetries = o.maxRetries().orElseThrow();
    String key =
        "POST".equals(method) ? o.idempotencyKey().orElse("sdk-" + UUID.randomUUID()) : null;
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(baseUrl.resolve(path))
              .timeout(timeout)
              .header("Accept", "application/json")
              .header("User-Agent", userAgent())
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
      if (key != null) {
        b.header("Idempotency-Key", key);
      }
      o.headers().forEach(b::setHeader);
      HttpResponse<String> response;
      try {
        response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt > maxRetries) {
          throw new AntpathIoException(
              "could not reach antpath at "
                  + safe(baseUrl)
                  + " ("
                  + e.getClass().getSimpleName()
                  + "); check ANTPATH_BASE_URL and that the server runs",
              e);
        }
        pause(attempt, 0, backoff(attempt), method, path);
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
      Optional<Duration> delay = delay(status, attempt, maxRetries, response.headers());
      if (delay.isEmpty()) {
        throw error;
      }
      pause(attempt, status, delay.get(), method, path);
    }
  }

  /**
   * Opens {@code GET path} as a {@code text/event-stream}, resuming after {@code lastEventId} when
   * set. Opening is retried like any call (connection failures, 408, 429, 5xx); once open, the
   * stream is not: the caller reconnects with the last id it saw.
   *
   * @return the open stream, or null when the server cannot stream this (404, 405, 406, 415, 501,
   *     or a success that is not an event stream): the caller then polls, and polling reports an
   *     unknown run as the {@code NotFoundException} it is
   */
  public EventStream openEventStream(String path, String lastEventId, RequestOptions perCall) {
    RequestOptions o = merge(defaults, perCall);
    int maxRetries = o.maxRetries().orElseThrow();
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(baseUrl.resolve(path))
              .timeout(o.timeout().orElseThrow())
              .header("Accept", "text/event-stream")
              .header("Cache-Control", "no-cache")
              .header("User-Agent", userAgent())
              .GET();
      if (bearer != null) {
        b.header("Authorization", "Bearer " + bearer);
      }
      if (lastEventId != null) {
        b.header("Last-Event-ID", lastEventId);
      }
      o.headers().forEach(b::setHeader);
      EventStream stream = new EventStream();
      HttpResponse<Object> response;
      try {
        response = http.send(b.build(), info -> subscriber(info, stream));
      } catch (IOException e) {
        if (attempt > maxRetries) {
          throw new AntpathIoException(
              "could not reach antpath at "
                  + safe(baseUrl)
                  + " ("
                  + e.getClass().getSimpleName()
                  + ")",
              e);
        }
        pause(attempt, 0, backoff(attempt), "GET", path);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AntpathIoException("interrupted while calling antpath", e);
      }
      if (response.body() instanceof EventStream open) {
        return open;
      }
      int status = response.statusCode();
      if (status < 400 || List.of(404, 405, 406, 415, 501).contains(status)) {
        return null;
      }
      AntpathServiceException error = error(status, (String) response.body(), response.headers());
      Optional<Duration> delay = delay(status, attempt, maxRetries, response.headers());
      if (delay.isEmpty()) {
        throw error;
      }
      pause(attempt, status, delay.get(), "GET", path);
    }
  }

  /** The stream's own subscriber for an event stream, the body as text for anything else. */
  private static HttpResponse.BodySubscriber<Object> subscriber(
      HttpResponse.ResponseInfo info, EventStream stream) {
    boolean events =
        info.statusCode() == 200
            && info.headers()
                .firstValue("Content-Type")
                .orElse("")
                .toLowerCase(java.util.Locale.ROOT)
                .startsWith("text/event-stream");
    if (!events) {
      return HttpResponse.BodySubscribers.mapping(
          HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), s -> (Object) s);
    }
    HttpResponse.BodySubscriber<Void> lines = stream.subscriber();
    // The body "is" the stream from the first byte on, so send(..) returns with the headers.
    return new HttpResponse.BodySubscriber<>() {
      @Override
      public java.util.concurrent.CompletionStage<Object> getBody() {
        return java.util.concurrent.CompletableFuture.completedFuture(stream);
      }

      @Override
      public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
        lines.onSubscribe(subscription);
      }

      @Override
      public void onNext(List<java.nio.ByteBuffer> item) {
        lines.onNext(item);
      }

      @Override
      public void onError(Throwable throwable) {
        lines.onError(throwable);
      }

      @Override
      public void onComplete() {
        lines.onComplete();
      }
    };
  }

  /**
   * Streams a GET of {@code url} (a signed link: absolute, or relative to the base URL) into {@code
   * out} with constant memory. The API token is not sent: the link carries its own authority, and
   * it may point at object storage that must never see the token. Failures before the body starts
   * are retried like any call; a failure mid-body is not (bytes were already written). Of {@code
   * perCall} only timeout and max retries apply: no header goes to the link's host.
   *
   * @return the number of bytes written
   */
  public long download(String url, OutputStream out, RequestOptions perCall) {
    URI target = baseUrl.resolve(url);
    RequestOptions o = merge(defaults, perCall);
    Duration timeout = o.timeout().orElseThrow();
    int maxRetries = o.maxRetries().orElseThrow();
    for (int attempt = 1; ; attempt++) {
      HttpRequest request =
          HttpRequest.newBuilder(target)
              .timeout(timeout)
              .header("User-Agent", userAgent())
              .GET()
              .build();
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
        pause(attempt, 0, backoff(attempt), "GET", "(signed link)");
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AntpathIoException("interrupted while downloading", e);
      }
      int status = response.statusCode();
      if (status >= 400) {
        String body;
        try (InputStream in = response.body()) {
          body = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
          body = "";
        }
        AntpathServiceException error = error(status, body, response.headers());
        Optional<Duration> delay = delay(status, attempt, maxRetries, response.headers());
        if (delay.isEmpty()) {
          throw error;
        }
        pause(attempt, status, delay.get(), "GET", "(signed link)");
        continue;
      }
      try (InputStream in = response.body()) {
        return in.transferTo(out);
      } catch (IOException e) {
        throw new AntpathIoException(
            "the download broke off (" + e.getClass().getSimpleName() + ")", e);
      }
    }
  }

  /** {@code User-Agent: antpath-java/<version> (Java <version>; <os>)}. */
  public static String userAgent() {
    return "antpath-java/"
        + Version.SDK
        + " (Java "
        + System.getProperty("java.version")
        + "; "
        + System.getProperty("os.name")
        + ")";
  }

  private static String safe(URI uri) {
    // A base URL with user info (https://u:p@host) must not end up in messages.
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  private static AntpathServiceException error(int status, String body, HttpHeaders headers) {
    return ErrorMapper.map(status, body, headers);
  }

  /**
   * How long to wait before the next attempt, or empty when the error is final: not retryable, no
   * attempts left, or a {@code Retry-After} longer than {@link #MAX_RETRY_AFTER}.
   */
  private Optional<Duration> delay(int status, int attempt, int maxRetries, HttpHeaders headers) {
    if (!(status == 408 || status == 429 || status >= 500) || attempt > maxRetries) {
      return Optional.empty();
    }
    Duration retryAfter = retryAfter(headers.firstValue("Retry-After").orElse(null), clock);
    if (retryAfter == null) {
      return Optional.of(backoff(attempt));
    }
    return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? Optional.empty() : Optional.of(retryAfter);
  }

  /**
   * {@code Retry-After} as delta-seconds or as an HTTP-date (RFC 9110), relative to {@code clock};
   * null when absent or unreadable. A date in the past means no wait.
   */
  public static Duration retryAfter(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(h)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private void pause(int attempt, int status, Duration delay, String method, String path) {
    listener.retrying(attempt, status, delay, method, path);
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AntpathIoException("interrupted while waiting to retry", e);
    }
  }

  /** 0.5 s · 2^(attempt-1), at most 8 s, minus up to 25 % jitter. */
  public static Duration backoff(int attempt) {
    long millis = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt - 1, 10));
    long jitter = (long) (millis * 0.25 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis(millis - jitter);
  }
}
