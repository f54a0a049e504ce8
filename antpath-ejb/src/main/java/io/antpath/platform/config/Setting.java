package io.antpath.platform.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key antpath reads, with its default and its rule. This is the catalogue the
 * start-up check walks and what {@code docs/configuration.md} documents (a test keeps the two in
 * step). MicroProfile Config gets the defaults from the application's {@code
 * META-INF/microprofile-config.properties} (antpath-web), one file for the WAR, the uber-jar and
 * the EAR; antpath-web's {@code ConfigDefaultsTest} fails when it and this catalogue differ.
 *
 * <p>Each key can be set as a system property, an environment variable (MicroProfile Config's
 * mapping: {@code antpath.db.url} → {@code ANTPATH_DB_URL}) or any other config source.
 */
public enum Setting {
  MODE(
      "antpath.mode",
      "production",
      "Deployment mode: 'dev' or 'production'. Production refuses dev vault keys and plain-http provider URLs.",
      Rule.MODE),
  DB_URL(
      "antpath.db.url",
      null,
      "JDBC URL of the PostgreSQL database (jdbc:postgresql://host:port/db). Required.",
      Rule.JDBC_URL),
  DB_USER(
      "antpath.db.user",
      null,
      "Database user; when unset, the user= parameter of the URL (or the driver's default).",
      Rule.ANY),
  DB_PASSWORD(
      "antpath.db.password",
      null,
      "Database password (optional with trust or peer authentication).",
      Rule.ANY),
  DB_MIGRATE_ON_START(
      "antpath.db.migrate-on-start",
      "true",
      "Apply pending Flyway migrations when the application starts. When false the schema must already be current.",
      Rule.BOOLEAN),
  VAULT_KEYS(
      "antpath.vault.keys",
      null,
      "Vault master keys as id:base64key[,id:base64key...] (AES-256: 32 bytes each). Required. Key ids starting with 'dev' are refused in production.",
      Rule.VAULT_KEYS),
  VAULT_ACTIVE_KEY_ID(
      "antpath.vault.active-key-id",
      null,
      "Key id that seals new vault entries; defaults to the first listed key. Older ids keep decrypting.",
      Rule.ANY),
  STORAGE_KIND(
      "antpath.storage.kind",
      "filesystem",
      "Output storage: 'filesystem' (antpath.storage.dir) or 's3' (an S3-compatible bucket, antpath.storage.s3.*).",
      Rule.STORAGE_KIND),
  STORAGE_DIR(
      "antpath.storage.dir",
      "/var/lib/antpath/storage",
      "Root folder of filesystem output storage (absolute path).",
      Rule.ABSOLUTE_PATH),
  STORAGE_S3_BUCKET(
      "antpath.storage.s3.bucket",
      null,
      "Bucket of S3 output storage (required with antpath.storage.kind=s3).",
      Rule.ANY),
  STORAGE_S3_REGION(
      "antpath.storage.s3.region", "us-east-1", "Region of the S3 bucket.", Rule.NON_BLANK),
  STORAGE_S3_ENDPOINT(
      "antpath.storage.s3.endpoint",
      null,
      "Endpoint of an S3-compatible service (MinIO, Ceph ...); unset for AWS S3.",
      Rule.ANY),
  STORAGE_S3_PATH_STYLE(
      "antpath.storage.s3.path-style",
      "false",
      "Address the bucket in the path (most S3-compatible services need it) instead of the host name.",
      Rule.BOOLEAN),
  STORAGE_S3_ACCESS_KEY_ID(
      "antpath.storage.s3.access-key-id",
      null,
      "Access key of S3 storage; unset: the AWS default credential chain (environment, profile, instance role).",
      Rule.ANY),
  STORAGE_S3_SECRET_ACCESS_KEY(
      "antpath.storage.s3.secret-access-key",
      null,
      "Secret key of S3 storage (with antpath.storage.s3.access-key-id).",
      Rule.ANY),
  STORAGE_S3_PREFIX(
      "antpath.storage.s3.prefix",
      null,
      "Key prefix of antpath's objects in the bucket (to share a bucket).",
      Rule.ANY),
  PROVIDER_BASE_URL(
      "antpath.provider.base-url",
      "https://api.anthropic.com",
      "Base URL of the Claude API (the simulator in the local stack). Must be https in production.",
      Rule.HTTP_URL),
  WORKER_ENABLED(
      "antpath.worker.enabled",
      "true",
      "Whether this instance claims and drives runs (all instances of a cluster may; leases keep them apart).",
      Rule.BOOLEAN),
  WORKER_CONCURRENCY(
      "antpath.worker.concurrency",
      "16",
      "Run steps this instance works on at once (threads). A run waiting for its session holds none: live runs are bounded by the workspaces' caps, not by this.",
      Rule.POSITIVE_INT),
  WORKER_POLL_MILLIS(
      "antpath.worker.poll-millis",
      "1000",
      "How often the worker looks for due steps without a notification, and the shortest delay between two looks at a running session (milliseconds).",
      Rule.POSITIVE_INT),
  WORKER_POLL_MAX_MILLIS(
      "antpath.worker.poll-max-millis",
      "4000",
      "The longest delay between two looks at a running session (milliseconds); the delay grows with the session's age (a tenth of it) up to this.",
      Rule.POSITIVE_INT),
  WORKER_RETRY_BASE_MILLIS(
      "antpath.worker.retry-base-millis",
      "2000",
      "Backoff before a run's next attempt after a transient provider failure (milliseconds), doubling per attempt.",
      Rule.POSITIVE_INT),
  WORKER_RETRY_MAX_SECONDS(
      "antpath.worker.retry-max-seconds",
      "300",
      "The longest backoff between two attempts of a run (seconds).",
      Rule.POSITIVE_INT),
  WORKER_DRAIN_SECONDS(
      "antpath.worker.drain-seconds",
      "10",
      "On a clean stop: how long the worker lets running steps finish before it hands their runs back (seconds).",
      Rule.POSITIVE_INT),
  PROVIDER_TIMEOUT_SECONDS(
      "antpath.provider.timeout-seconds",
      "60",
      "Timeout of one Claude API call (connect and answer, seconds).",
      Rule.POSITIVE_INT),
  PROVIDER_MAX_RETRIES(
      "antpath.provider.max-retries",
      "3",
      "Retries of a Claude API call after a transient failure (429, 5xx, timeout, dropped connection) within one step; creates are looked up by their marker before they are sent again.",
      Rule.NON_NEGATIVE_INT),
  WORKER_LEASE_SECONDS(
      "antpath.worker.lease-seconds",
      "30",
      "Lease of a claimed run; renewed every third of it while the run is worked on. A dead or paused worker's runs are claimed again after it: the recovery time after a crash.",
      Rule.POSITIVE_INT),
  WORKER_MAX_ATTEMPTS(
      "antpath.worker.max-attempts",
      "5",
      "Attempts of a run before transient provider failures fail it.",
      Rule.POSITIVE_INT),
  WORKER_PURGE_SECONDS(
      "antpath.worker.purge-seconds",
      "30",
      "How often the worker deletes workspaces and users whose deletion has finished (seconds).",
      Rule.POSITIVE_INT),
  CLEANUP_MAX_ATTEMPTS(
      "antpath.cleanup.max-attempts",
      "10",
      "Cleanup attempts of a run before transient provider failures or internal errors end it as failed; the vault entry is destroyed either way.",
      Rule.POSITIVE_INT),
  CLEANUP_RETRY_BASE_SECONDS(
      "antpath.cleanup.retry-base-seconds",
      "5",
      "Backoff before a run's next cleanup attempt (seconds), doubling per attempt.",
      Rule.POSITIVE_INT),
  CLEANUP_RETRY_MAX_SECONDS(
      "antpath.cleanup.retry-max-seconds",
      "1800",
      "The longest backoff between two cleanup attempts (seconds).",
      Rule.POSITIVE_INT),
  CAPTURE_EMPTY_LISTING_RETRIES(
      "antpath.capture.empty-listing-retries",
      "2",
      "How often an empty file listing of a finished session is read again (the Files API indexes outputs with a short lag).",
      Rule.NON_NEGATIVE_INT),
  CAPTURE_EMPTY_LISTING_PAUSE_MILLIS(
      "antpath.capture.empty-listing-pause-millis",
      "1500",
      "Pause before reading an empty file listing again (milliseconds).",
      Rule.POSITIVE_INT),
  CLEANUP_RETAIN_SESSIONS(
      "antpath.cleanup.retain-sessions",
      "false",
      "Keep every run's Claude session (and its files) on the provider, as if each run asked for cleanup.claudeSession = retain.",
      Rule.BOOLEAN),
  TIER_MAX_CONCURRENT_RUNS(
      "antpath.tier.max-concurrent-runs",
      "2",
      "Default cap: runs of one workspace that may be starting or running at once.",
      Rule.POSITIVE_INT),
  TIER_MAX_QUEUED_RUNS(
      "antpath.tier.max-queued-runs",
      "20",
      "Default cap: queued plus running runs one workspace may have.",
      Rule.POSITIVE_INT),
  TIER_SUBMISSIONS_PER_MINUTE(
      "antpath.tier.submissions-per-minute",
      "30",
      "Default cap: run submissions per workspace per minute.",
      Rule.POSITIVE_INT),
  TIER_STORAGE_CAP(
      "antpath.tier.storage-cap",
      "1GiB",
      "Default cap: output storage per workspace (bytes or 512MiB, 10GB ...).",
      Rule.BYTE_SIZE),
  TIER_OUTPUT_SAFETY_CAP(
      "antpath.tier.output-safety-cap",
      "2GiB",
      "Worker safety cap: the largest single output file the worker will download.",
      Rule.BYTE_SIZE),
  TIER_DEFAULT_RUN_TIMEOUT(
      "antpath.tier.default-run-timeout-seconds",
      "900",
      "Run timeout when a run does not ask for one.",
      Rule.POSITIVE_INT),
  TIER_MAX_RUN_TIMEOUT(
      "antpath.tier.max-run-timeout-seconds",
      "3600",
      "The longest timeout a run may ask for.",
      Rule.POSITIVE_INT),
  LINKS_TTL_SECONDS(
      "antpath.links.ttl-seconds",
      "300",
      "How long a signed output download link stays valid (seconds).",
      Rule.POSITIVE_INT),
  EVENTS_STREAM_POLL_MILLIS(
      "antpath.events.stream-poll-millis",
      "300",
      "The shortest time between two reads of an open event stream (the API's /runs/{id}/events/stream and the run page's live feed) that run-changed signals cause: signals within it are folded into one read (milliseconds).",
      Rule.POSITIVE_INT),
  EVENTS_STREAM_FALLBACK_POLL_MILLIS(
      "antpath.events.stream-fallback-poll-millis",
      "5000",
      "How often an open event stream reads new events and the run's status without a run-changed signal: the bound on its delay when a signal is lost (a split data grid, --nocluster with the run on another instance) (milliseconds).",
      Rule.POSITIVE_INT),
  EVENTS_STREAM_HEARTBEAT_SECONDS(
      "antpath.events.stream-heartbeat-seconds",
      "15",
      "An event stream with nothing to send writes a comment line this often, so proxies keep the connection open (seconds).",
      Rule.POSITIVE_INT),
  EVENTS_STREAM_MAX_MINUTES(
      "antpath.events.stream-max-minutes",
      "30",
      "The longest an event stream stays open; clients reconnect with Last-Event-ID and resume (minutes).",
      Rule.POSITIVE_INT),
  RATELIMIT_OUTPUT_LINKS(
      "antpath.ratelimit.output-links-per-minute",
      "300",
      "Output download links one workspace may create per minute (cluster-wide).",
      Rule.POSITIVE_INT),
  RATELIMIT_TOKEN_MUTATIONS(
      "antpath.ratelimit.token-mutations-per-minute",
      "20",
      "Token creations and revocations allowed per user and per workspace per minute (cluster-wide).",
      Rule.POSITIVE_INT),
  RATELIMIT_RUN_MUTATIONS(
      "antpath.ratelimit.run-mutations-per-minute",
      "60",
      "Run cancellations and deletions allowed per workspace per minute (cluster-wide).",
      Rule.POSITIVE_INT),
  RATELIMIT_LOGIN_ATTEMPTS(
      "antpath.ratelimit.login-attempts-per-minute",
      "10",
      "Dashboard sign-in attempts allowed per e-mail address per minute (five times as many per client address; cluster-wide).",
      Rule.POSITIVE_INT),
  IDENTITY_SIGNUP_ENABLED(
      "antpath.identity.signup-enabled",
      "false",
      "Let anyone create a local account (and a first workspace) on the sign-up page. bin/dev turns it on.",
      Rule.BOOLEAN),
  HTTP_SECURE_COOKIES(
      "antpath.http.secure-cookies",
      "true",
      "Mark the dashboard session cookie Secure (sent over HTTPS only). bin/dev turns it off for plain-http localhost.",
      Rule.BOOLEAN),
  OIDC_ISSUER(
      "antpath.oidc.issuer",
      null,
      "Issuer URL of an OpenID Connect provider for dashboard sign-in (its /.well-known/openid-configuration is read). Unset: local accounts only.",
      Rule.ANY),
  OIDC_CLIENT_ID(
      "antpath.oidc.client-id",
      null,
      "OpenID Connect client id (required with antpath.oidc.issuer).",
      Rule.ANY),
  OIDC_CLIENT_SECRET(
      "antpath.oidc.client-secret",
      null,
      "OpenID Connect client secret (required with antpath.oidc.issuer).",
      Rule.ANY),
  OIDC_API_AUDIENCE(
      "antpath.oidc.api-audience",
      null,
      "Audience (aud) an access token of the OpenID Connect provider must name to be accepted on the API. Unset: antpath.oidc.client-id.",
      Rule.ANY),
  OIDC_API_CLOCK_SKEW_SECONDS(
      "antpath.oidc.api-clock-skew-seconds",
      "60",
      "Clock skew allowed when checking the exp and nbf of an access token on the API (seconds).",
      Rule.NON_NEGATIVE_INT),
  HTTP_PUBLIC_URL(
      "antpath.http.public-url",
      null,
      "antpath's external base URL (e.g. https://antpath.example.com), for the OpenID Connect redirect URI and output download links. Unset: taken from each request.",
      Rule.ANY),
  DEV_DEMO_PASSWORD(
      "antpath.dev.demo-password",
      null,
      "Dev mode only (bin/dev sets it): seeds workspace 'demo' with owner demo@antpath.local and this password.",
      Rule.ANY),
  DEV_DEMO_TOKEN(
      "antpath.dev.demo-token",
      null,
      "Dev mode only (bin/dev sets it): an all-scopes API token of workspace 'demo' with this secret.",
      Rule.ANY),
  DEV_DEMO_OTHER_PASSWORD(
      "antpath.dev.demo-other-password",
      null,
      "Dev mode only: as antpath.dev.demo-password for workspace 'demo-other' (demo-other@antpath.local).",
      Rule.ANY),
  DEV_DEMO_OTHER_TOKEN(
      "antpath.dev.demo-other-token",
      null,
      "Dev mode only: as antpath.dev.demo-token for workspace 'demo-other'.",
      Rule.ANY),
  STARTUP_EXIT_ON_FAILURE(
      "antpath.startup.exit-on-failure",
      "false",
      "Exit the JVM when start-up fails (set by bin/dev, the launcher and the container image, where the server runs only antpath). Leave false on a shared application server.",
      Rule.BOOLEAN);

  private final String key;
  private final String defaultValue;
  private final String description;
  private final Rule rule;

  Setting(String key, String defaultValue, String description, Rule rule) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
    this.rule = rule;
  }

  public String key() {
    return key;
  }

  /** The setting with this key. */
  public static Setting valueOfKey(String key) {
    for (Setting s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown setting " + key);
  }

  /** The environment variable MicroProfile Config maps to this key. */
  public String envVar() {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public String description() {
    return description;
  }

  public boolean required() {
    return defaultValue == null && rule != Rule.ANY;
  }

  Rule rule() {
    return rule;
  }

  /**
   * Value rules. Messages describe the expected form and never echo the value (it may be a secret).
   */
  enum Rule {
    ANY,
    NON_BLANK,
    MODE,
    BOOLEAN,
    POSITIVE_INT,
    NON_NEGATIVE_INT,
    BYTE_SIZE,
    ABSOLUTE_PATH,
    STORAGE_KIND,
    JDBC_URL,
    HTTP_URL,
    VAULT_KEYS;

    /** Checks one value; returns the problem, or empty when the value is acceptable. */
    Optional<String> check(String value) {
      try {
        checkOrThrow(value.trim());
        return Optional.empty();
      } catch (IllegalArgumentException e) {
        return Optional.of(e.getMessage());
      }
    }

    private void checkOrThrow(String value) {
      switch (this) {
        case ANY -> {}
        case NON_BLANK -> require(!value.isEmpty(), "must not be blank");
        case MODE -> Mode.parse(value);
        case BOOLEAN ->
            require(value.equals("true") || value.equals("false"), "must be 'true' or 'false'");
        case POSITIVE_INT ->
            require(
                value.matches("\\d{1,9}") && Integer.parseInt(value) > 0,
                "must be a whole number between 1 and 999999999");
        case NON_NEGATIVE_INT ->
            require(value.matches("\\d{1,9}"), "must be a whole number between 0 and 999999999");
        case BYTE_SIZE -> ByteSize.parse(value);
        case ABSOLUTE_PATH -> require(Path.of(value).isAbsolute(), "must be an absolute path");
        case STORAGE_KIND ->
            require(
                value.equals("filesystem") || value.equals("s3"), "must be 'filesystem' or 's3'");
        case JDBC_URL ->
            require(
                value.startsWith("jdbc:postgresql://")
                    && value.length() > "jdbc:postgresql://".length(),
                "must be a PostgreSQL JDBC URL such as jdbc:postgresql://127.0.0.1:5432/antpath");
        case HTTP_URL -> checkHttpUrl(value);
        case VAULT_KEYS -> io.antpath.platform.crypto.VaultKeyRing.parse(value, null);
      }
    }

    private static void checkHttpUrl(String value) {
      URI uri;
      try {
        uri = URI.create(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("must be an absolute http(s) URL");
      }
      require(
          uri.isAbsolute()
              && uri.getHost() != null
              && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())),
          "must be an absolute http(s) URL");
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
