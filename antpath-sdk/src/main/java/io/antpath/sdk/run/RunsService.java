package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antpath.sdk.Page;
import io.antpath.sdk.RawResponse;
import io.antpath.sdk.RequestOptions;
import io.antpath.sdk.errors.AntpathIoException;
import io.antpath.sdk.errors.MissingCredentialsException;
import io.antpath.sdk.errors.OutputIntegrityException;
import io.antpath.sdk.errors.RunWaitTimeoutException;
import io.antpath.sdk.errors.UnsafeOutputNameException;
import io.antpath.sdk.http.Sleeper;
import io.antpath.sdk.internal.Internal;
import io.antpath.sdk.internal.Transport;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code client.runs()}: submit, read, list, wait for, follow, cancel and delete runs of the
 * token's workspace, and read and download their outputs. Thread-safe. Every single call and every
 * download has an overload taking {@link RequestOptions} (the waits and {@link #followEvents} use
 * the client's options; use {@link io.antpath.sdk.AntpathClient#withOptions} for others); {@link
 * #withRawResponse()} gives the calls with the HTTP status, headers and request id.
 */
public final class RunsService {
  private final Transport transport;
  private final ObjectMapper json;
  private final RunSecrets defaultSecrets;
  private final Sleeper sleeper;
  private final Duration pollInterval;
  private final WithRawResponse raw = new WithRawResponse();
  private final EventFollower follower;

  RunsService(
      Transport transport,
      ObjectMapper json,
      RunSecrets defaultSecrets,
      Sleeper sleeper,
      Duration pollInterval) {
    this.transport = transport;
    this.json = json;
    this.defaultSecrets = defaultSecrets;
    this.sleeper = sleeper;
    this.pollInterval = pollInterval;
    this.follower = new EventFollower(this, transport, json, sleeper, pollInterval);
  }

  /**
   * The same calls, answering {@link RawResponse}s with status, headers and request id.
   *
   * @return the raw view of this service
   */
  public WithRawResponse withRawResponse() {
    return raw;
  }

  /**
   * Submits a run with the client's default secrets and a fresh idempotency key (reused across
   * retries, so a retry never submits twice). The run starts {@code queued}.
   *
   * @param params what to run
   * @return the queued run
   * @throws MissingCredentialsException when the client has no default secrets
   */
  public Run create(RunCreateParams params) {
    return raw.create(params, null, null).parse();
  }

  /**
   * Submits a run with the client's default secrets.
   *
   * @param params what to run
   * @param options this call's options, e.g. its idempotency key
   * @return the run (the original one when the idempotency key was used with the same body)
   * @throws MissingCredentialsException when the client has no default secrets
   */
  public Run create(RunCreateParams params, RequestOptions options) {
    return raw.create(params, null, options).parse();
  }

  /**
   * Submits a run with this call's secrets instead of the client's.
   *
   * @param params what to run
   * @param secrets this run's secrets
   * @return the queued run
   */
  public Run create(RunCreateParams params, RunSecrets secrets) {
    return raw.create(params, secrets, null).parse();
  }

  /**
   * Submits a run with this call's secrets and options.
   *
   * @param params what to run
   * @param secrets this run's secrets, or null for the client's default
   * @param options this call's options, or null
   * @return the run
   * @throws MissingCredentialsException when there are neither secrets nor default secrets
   */
  public Run create(RunCreateParams params, RunSecrets secrets, RequestOptions options) {
    return raw.create(params, secrets, options).parse();
  }

  /**
   * Reads a run.
   *
   * @param runId the run's id
   * @return the run
   * @throws io.antpath.sdk.errors.NotFoundException when the workspace has no such run
   */
  public Run retrieve(String runId) {
    return raw.retrieve(runId, null).parse();
  }

  /**
   * Reads a run.
   *
   * @param runId the run's id
   * @param options this call's options
   * @return the run
   */
  public Run retrieve(String runId, RequestOptions options) {
    return raw.retrieve(runId, options).parse();
  }

  /**
   * The first page of all runs, newest first, 50 per page; {@link Page#stream()} walks on.
   *
   * @return the first page
   */
  public Page<Run> list() {
    return list(RunListParams.none(), null);
  }

  /**
   * The first page of the runs {@code params} select, newest first; {@link Page#stream()} walks on
   * with the same filters.
   *
   * @param params filters and page size
   * @return the first page
   */
  public Page<Run> list(RunListParams params) {
    return list(params, null);
  }

  /**
   * The first page of the runs {@code params} select; later pages use the same options.
   *
   * @param params filters and page size
   * @param options the options of every page's call
   * @return the first page
   */
  public Page<Run> list(RunListParams params, RequestOptions options) {
    return raw.list(params, options).parse();
  }

  /**
   * The first page of a run's events, oldest first, 100 per page; {@link Page#stream()} walks on.
   *
   * @param runId the run's id
   * @return the first page
   */
  public Page<RunEvent> events(String runId) {
    return events(runId, RunEventListParams.none(), null);
  }

  /**
   * One page of the run's events after {@code params.after()}, oldest first. A page shorter than
   * the limit is the last one for now: a live run may add more (see {@link #followEvents}).
   *
   * @param runId the run's id
   * @param params where to start and the page size
   * @return the page
   */
  public Page<RunEvent> events(String runId, RunEventListParams params) {
    return events(runId, params, null);
  }

  /**
   * One page of the run's events; later pages use the same options.
   *
   * @param runId the run's id
   * @param params where to start and the page size
   * @param options the options of every page's call
   * @return the page
   */
  public Page<RunEvent> events(String runId, RunEventListParams params, RequestOptions options) {
    return raw.events(runId, params, options).parse();
  }

  /**
   * Polls (every poll interval, default 1 s) until the run is terminal ({@code succeeded}, {@code
   * failed}, {@code timed_out} or {@code canceled}) and returns it.
   *
   * @param runId the run's id
   * @param timeout how long to wait at most
   * @return the terminal run
   * @throws RunWaitTimeoutException when {@code timeout} passes first (the run goes on)
   */
  public Run waitForCompletion(String runId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Run run = retrieve(runId);
      if (run.isTerminal()) {
        return run;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new RunWaitTimeoutException(runId, run.status(), timeout);
      }
      pause();
    }
  }

  /**
   * Hands every event of the run to {@code onEvent}, in order and each once, while the run is live,
   * and returns the run once it is terminal and its last events were delivered.
   *
   * <p>Follows the server's event stream ({@code text/event-stream}): events arrive as they are
   * recorded, with one open connection and no polling. A stream that breaks or stays silent for
   * longer than the client's {@code timeout} (the server sends a heartbeat every 15 s, so keep the
   * timeout above that) is reopened where it stopped ({@code Last-Event-ID}); when the server
   * cannot stream, or reopening keeps failing, it polls the events every poll interval instead.
   * Either way no event is delivered twice or skipped.
   *
   * @param runId the run's id
   * @param timeout how long to follow at most
   * @param onEvent called with each event, on the calling thread; an exception it throws ends the
   *     follow (and closes the stream) and is thrown from here
   * @return the terminal run
   * @throws RunWaitTimeoutException when {@code timeout} passes first (the run goes on)
   * @throws io.antpath.sdk.errors.NotFoundException when the workspace has no such run
   */
  public Run followEvents(String runId, Duration timeout, Consumer<RunEvent> onEvent) {
    return follower.follow(runId, timeout, onEvent);
  }

  /**
   * Asks for the run to be canceled. Asynchronous: a queued run is {@code canceled} at once, a
   * starting or running one keeps its status with {@code cancelRequestedAt} set until its worker
   * stops the session; wait for that with {@link #waitForCompletion} or use {@link #cancelAndWait}.
   * Canceling again is a no-op.
   *
   * @param runId the run's id
   * @return the run as it is now
   * @throws io.antpath.sdk.errors.RunTerminalException when the run had already ended otherwise
   */
  public Run cancel(String runId) {
    return raw.cancel(runId, null).parse();
  }

  /**
   * Asks for the run to be canceled; see {@link #cancel(String)}.
   *
   * @param runId the run's id
   * @param options this call's options
   * @return the run as it is now
   */
  public Run cancel(String runId, RequestOptions options) {
    return raw.cancel(runId, options).parse();
  }

  /**
   * Cancels the run and waits until it is terminal. A run that ended before the cancel arrived is
   * returned as it ended.
   *
   * @param runId the run's id
   * @param timeout how long to wait at most
   * @return the terminal run ({@code canceled}, or another terminal status it reached first)
   * @throws RunWaitTimeoutException when {@code timeout} passes first
   */
  public Run cancelAndWait(String runId, Duration timeout) {
    Run run;
    try {
      run = cancel(runId);
    } catch (io.antpath.sdk.errors.RunTerminalException endedFirst) {
      return retrieve(runId);
    }
    return run.isTerminal() ? run : waitForCompletion(runId, timeout);
  }

  /**
   * Marks the run for deletion: a live run is canceled first; the server deletes it, its events and
   * its outputs after cleanup.
   *
   * @param runId the run's id
   * @return the run with {@code deleteRequestedAt} set
   */
  public Run delete(String runId) {
    return raw.delete(runId, null).parse();
  }

  /**
   * Marks the run for deletion; see {@link #delete(String)}.
   *
   * @param runId the run's id
   * @param options this call's options
   * @return the run with {@code deleteRequestedAt} set
   */
  public Run delete(String runId, RequestOptions options) {
    return raw.delete(runId, options).parse();
  }

  /**
   * The run's captured outputs and capture failures.
   *
   * @param runId the run's id
   * @return outputs and failures
   */
  public RunOutputs outputs(String runId) {
    return raw.outputs(runId, null).parse();
  }

  /**
   * The run's captured outputs and capture failures.
   *
   * @param runId the run's id
   * @param options this call's options
   * @return outputs and failures
   */
  public RunOutputs outputs(String runId, RequestOptions options) {
    return raw.outputs(runId, options).parse();
  }

  /**
   * A signed, expiring download URL for one output (audited and rate-limited by the server).
   *
   * @param runId the run's id
   * @param outputId the output's id
   * @return the link; treat its URL like a password
   */
  public OutputLink createLink(String runId, String outputId) {
    return raw.createLink(runId, outputId, null).parse();
  }

  /**
   * A signed, expiring download URL for one output.
   *
   * @param runId the run's id
   * @param outputId the output's id
   * @param options this call's options
   * @return the link
   */
  public OutputLink createLink(String runId, String outputId, RequestOptions options) {
    return raw.createLink(runId, outputId, options).parse();
  }

  /**
   * Streams one output into {@code out} with constant memory, through a fresh signed link, and
   * checks its size and SHA-256 against what the API reports. The check can only fail after the
   * bytes were written: prefer {@link #download(String, String, Path)}, which then leaves nothing.
   *
   * @param runId the run's id
   * @param outputId the output's id
   * @param out where the bytes go (not closed)
   * @return the number of bytes written
   * @throws OutputIntegrityException when size or hash differ
   */
  public long download(String runId, String outputId, OutputStream out) {
    return download(runId, outputId, out, null);
  }

  /**
   * Streams one output into {@code out}; see {@link #download(String, String, OutputStream)}.
   *
   * @param runId the run's id
   * @param outputId the output's id
   * @param out where the bytes go (not closed)
   * @param options timeout and retries of each call, the download included; headers go to the API
   *     calls only (never to the signed link's host); an idempotency key is not used (each link is
   *     its own request)
   * @return the number of bytes written
   * @throws OutputIntegrityException when size or hash differ
   */
  public long download(String runId, String outputId, OutputStream out, RequestOptions options) {
    RequestOptions o = withoutKey(options);
    return download(runId, output(runId, outputId, o), out, o);
  }

  /**
   * Downloads one output to {@code target}: written to a temporary file beside it, checked against
   * its size and SHA-256, and moved into place only then, so {@code target} never holds a partial
   * or corrupt file. Missing parent folders are created.
   *
   * @param runId the run's id
   * @param outputId the output's id
   * @param target the file to write (replaced if it exists)
   * @return the number of bytes written
   * @throws OutputIntegrityException when size or hash differ (nothing is left behind)
   */
  public long download(String runId, String outputId, Path target) {
    return download(runId, outputId, target, null);
  }

  /**
   * Downloads one output to {@code target}; see {@link #download(String, String, Path)}.
   *
   * @param runId the run's id
   * @param outputId the output's id
   * @param target the file to write (replaced if it exists)
   * @param options timeout and retries of each call, the download included; headers go to the API
   *     calls only; an idempotency key is not used
   * @return the number of bytes written
   * @throws OutputIntegrityException when size or hash differ (nothing is left behind)
   */
  public long download(String runId, String outputId, Path target, RequestOptions options) {
    RequestOptions o = withoutKey(options);
    return download(runId, output(runId, outputId, o), target, o);
  }

  /**
   * Downloads every captured output of the run into {@code dir}, each under its file name (folders
   * in names become folders), verified like {@link #download(String, String, Path)}. Names that
   * would leave {@code dir} are refused before anything is written.
   *
   * @param runId the run's id
   * @param dir the folder to write into (created when missing)
   * @return the files written and the run's capture failures
   * @throws UnsafeOutputNameException when a name is absolute, has a {@code ..} or empty segment, a
   *     backslash or a control character
   * @throws OutputIntegrityException when an output's size or hash differ
   */
  public DownloadedOutputs downloadAll(String runId, Path dir) {
    return downloadAll(runId, dir, null);
  }

  /**
   * Downloads every captured output of the run into {@code dir}; see {@link #downloadAll(String,
   * Path)}.
   *
   * @param runId the run's id
   * @param dir the folder to write into (created when missing)
   * @param options timeout and retries of each call, each download included; headers go to the API
   *     calls only; an idempotency key is not used
   * @return the files written and the run's capture failures
   * @throws UnsafeOutputNameException when a name would leave {@code dir}
   * @throws OutputIntegrityException when an output's size or hash differ
   */
  public DownloadedOutputs downloadAll(String runId, Path dir, RequestOptions options) {
    RequestOptions o = withoutKey(options);
    RunOutputs outputs = outputs(runId, o);
    Path root = dir.toAbsolutePath().normalize();
    List<Path> targets = new ArrayList<>();
    for (RunOutputs.Output output : outputs.outputs()) {
      targets.add(safeTarget(root, output.filename()));
    }
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      download(runId, outputs.outputs().get(i), targets.get(i), o);
      written.add(targets.get(i));
    }
    return new DownloadedOutputs(written, outputs.failures());
  }

  /** {@code options} without an idempotency key: a download makes one link per output. */
  private static RequestOptions withoutKey(RequestOptions options) {
    if (options == null || options.idempotencyKey().isEmpty()) {
      return options;
    }
    RequestOptions.Builder b = RequestOptions.builder();
    options.timeout().ifPresent(b::timeout);
    options.maxRetries().ifPresent(b::maxRetries);
    options.headers().forEach(b::putHeader);
    return b.build();
  }

  /** {@code name} resolved under {@code root}, or refused. */
  static Path safeTarget(Path root, String name) {
    if (name == null
        || name.isEmpty()
        || name.startsWith("/")
        || name.indexOf('\\') >= 0
        || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
        || (name.length() > 1 && name.charAt(1) == ':')) {
      throw new UnsafeOutputNameException("refused output name " + printable(name));
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new UnsafeOutputNameException("refused output name " + printable(name));
      }
    }
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new UnsafeOutputNameException("refused output name " + printable(name));
    }
    return target;
  }

  private static String printable(String name) {
    if (name == null) {
      return "(none)";
    }
    StringBuilder s = new StringBuilder("'");
    name.chars()
        .limit(200)
        .forEach(c -> s.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : (char) c));
    return s.append("'").toString();
  }

  private RunOutputs.Output output(String runId, String outputId, RequestOptions options) {
    return outputs(runId, options).outputs().stream()
        .filter(o -> o.id().equals(outputId))
        .findFirst()
        .orElseThrow(
            () ->
                new io.antpath.sdk.errors.NotFoundException(
                    404, "not_found", "no output " + outputId + " in run " + runId, null, ""));
  }

  private long download(
      String runId, RunOutputs.Output output, OutputStream out, RequestOptions options) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    OutputStream hashing =
        new FilterOutputStream(out) {
          @Override
          public void write(int b) throws IOException {
            sha.update((byte) b);
            out.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            sha.update(b, off, len);
            out.write(b, off, len);
          }
        };
    long size = transport.download(createLink(runId, output.id(), options).url(), hashing, options);
    String hash = HexFormat.of().formatHex(sha.digest());
    if (size != output.sizeBytes()) {
      throw new OutputIntegrityException(
          "output "
              + output.id()
              + " of run "
              + runId
              + ": "
              + size
              + " bytes downloaded, "
              + output.sizeBytes()
              + " announced");
    }
    if (output.sha256() != null && !output.sha256().equalsIgnoreCase(hash)) {
      throw new OutputIntegrityException(
          "output "
              + output.id()
              + " of run "
              + runId
              + ": SHA-256 "
              + hash
              + " downloaded, "
              + output.sha256()
              + " announced");
    }
    return size;
  }

  private long download(
      String runId, RunOutputs.Output output, Path target, RequestOptions options) {
    Path dir = target.toAbsolutePath().getParent();
    Path partial = null;
    try {
      Files.createDirectories(dir);
      partial = Files.createTempFile(dir, ".antpath-download-", ".part");
      long size;
      try (OutputStream out = Files.newOutputStream(partial)) {
        size = download(runId, output, out, options);
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      partial = null;
      return size;
    } catch (IOException e) {
      throw new AntpathIoException("could not write " + target, e);
    } finally {
      if (partial != null) {
        try {
          Files.deleteIfExists(partial);
        } catch (IOException ignored) {
          // Best effort: the temporary file is named as ours.
        }
      }
    }
  }

  private void pause() {
    try {
      sleeper.sleep(pollInterval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AntpathIoException("interrupted while waiting for the run", e);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PageBody(List<Run> items, String nextCursor) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record EventBody(List<RunEvent> items, Long nextAfter) {}

  @SuppressWarnings("unchecked")
  private static <T> Page<T> page(List<T> items, String next, Function<String, Page<T>> fetch) {
    return Internal.construct(
        Page.class,
        new Class<?>[] {List.class, String.class, Function.class},
        items == null ? List.of() : items,
        next,
        fetch);
  }

  private <T> RawResponse<T> call(
      String method, String path, String body, RequestOptions options, Class<T> type) {
    Transport.Response r = transport.send(method, path, body, options);
    return new RawResponse<>(r.status(), r.headers(), read(r.body(), type));
  }

  private <T> T read(String body, Class<T> type) {
    try {
      return json.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new AntpathIoException(
          "antpath sent a response this SDK cannot read (" + type.getSimpleName() + ")", e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request cannot be written as JSON", e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * The calls of {@link RunsService} answering {@link RawResponse}: HTTP status (201 for a new run,
   * 200 for a replayed submission), headers and request id, with the parsed value.
   */
  public final class WithRawResponse {
    private WithRawResponse() {}

    /**
     * Submits a run; see {@link RunsService#create(RunCreateParams, RunSecrets, RequestOptions)}.
     *
     * @param params what to run
     * @param secrets this run's secrets, or null for the client's default
     * @param options this call's options, or null
     * @return the response; header {@code Idempotent-Replayed: true} marks a replay
     */
    public RawResponse<Run> create(
        RunCreateParams params, RunSecrets secrets, RequestOptions options) {
      RunSecrets effective = secrets != null ? secrets : defaultSecrets;
      if (effective == null) {
        throw new MissingCredentialsException(
            "no secrets for this run: pass RunSecrets to create(..), or set"
                + " AntpathClient.builder().defaultSecrets(..) (fromEnv() takes ANTHROPIC_API_KEY)");
      }
      for (McpServer server : effective.mcpServers()) {
        if (!params.mcpServers().contains(server)) {
          throw new IllegalArgumentException(
              "RunSecrets has a credential for MCP server '"
                  + server.name()
                  + "' that the params do not declare: add it with addMcpServer(..)");
        }
      }
      return call("POST", "api/v1/runs", write(params.body(effective)), options, Run.class);
    }

    /**
     * Reads a run.
     *
     * @param runId the run's id
     * @param options this call's options, or null
     * @return the response
     */
    public RawResponse<Run> retrieve(String runId, RequestOptions options) {
      return call("GET", "api/v1/runs/" + encode(runId), null, options, Run.class);
    }

    /**
     * The first page of runs; later pages are fetched with the same params and options.
     *
     * @param params filters and page size
     * @param options the options of every page's call, or null
     * @return the response of the first page
     */
    public RawResponse<Page<Run>> list(RunListParams params, RequestOptions options) {
      return listPage(params, null, options);
    }

    private RawResponse<Page<Run>> listPage(
        RunListParams params, String cursor, RequestOptions options) {
      RawResponse<PageBody> r =
          call("GET", "api/v1/runs?" + params.query(cursor), null, options, PageBody.class);
      Page<Run> page =
          page(
              r.value().items(),
              r.value().nextCursor(),
              next -> listPage(params, next, options).parse());
      return new RawResponse<>(r.statusCode(), r.headers(), page);
    }

    /**
     * One page of a run's events; later pages are fetched with the same limit and options.
     *
     * @param runId the run's id
     * @param params where to start and the page size
     * @param options the options of every page's call, or null
     * @return the response of the page
     */
    public RawResponse<Page<RunEvent>> events(
        String runId, RunEventListParams params, RequestOptions options) {
      RawResponse<EventBody> r =
          call(
              "GET",
              "api/v1/runs/"
                  + encode(runId)
                  + "/events?after="
                  + params.after()
                  + "&limit="
                  + params.limit(),
              null,
              options,
              EventBody.class);
      List<RunEvent> items = r.value().items() == null ? List.of() : r.value().items();
      String next =
          items.size() < params.limit() || r.value().nextAfter() == null
              ? null
              : r.value().nextAfter().toString();
      Page<RunEvent> page =
          page(
              items,
              next,
              cursor ->
                  events(
                          runId,
                          RunEventListParams.builder()
                              .after(Long.parseLong(cursor))
                              .limit(params.limit())
                              .build(),
                          options)
                      .parse());
      return new RawResponse<>(r.statusCode(), r.headers(), page);
    }

    /**
     * Asks for the run to be canceled; see {@link RunsService#cancel(String)}.
     *
     * @param runId the run's id
     * @param options this call's options, or null
     * @return the response
     */
    public RawResponse<Run> cancel(String runId, RequestOptions options) {
      return call("POST", "api/v1/runs/" + encode(runId) + "/cancel", "", options, Run.class);
    }

    /**
     * Marks the run for deletion.
     *
     * @param runId the run's id
     * @param options this call's options, or null
     * @return the response
     */
    public RawResponse<Run> delete(String runId, RequestOptions options) {
      return call("DELETE", "api/v1/runs/" + encode(runId), null, options, Run.class);
    }

    /**
     * The run's outputs and capture failures.
     *
     * @param runId the run's id
     * @param options this call's options, or null
     * @return the response
     */
    public RawResponse<RunOutputs> outputs(String runId, RequestOptions options) {
      return call(
          "GET", "api/v1/runs/" + encode(runId) + "/outputs", null, options, RunOutputs.class);
    }

    /**
     * A signed download link for one output.
     *
     * @param runId the run's id
     * @param outputId the output's id
     * @param options this call's options, or null
     * @return the response
     */
    public RawResponse<OutputLink> createLink(
        String runId, String outputId, RequestOptions options) {
      return call(
          "POST",
          "api/v1/runs/" + encode(runId) + "/outputs/" + encode(outputId) + "/link",
          "",
          options,
          OutputLink.class);
    }
  }
}
