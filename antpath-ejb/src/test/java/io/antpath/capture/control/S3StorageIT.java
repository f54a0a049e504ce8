package io.antpath.capture.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** S3 output storage against an S3 server the test starts (Adobe S3Mock, in process). */
class S3StorageIT {
  private static S3MockApplication s3mock;
  private static Path root;
  private static S3Storage storage;

  @BeforeAll
  static void start() throws Exception {
    root = Files.createTempDirectory("antpath-s3mock");
    s3mock =
        S3MockApplication.start(
            new java.util.HashMap<>(
                Map.of(
                    S3MockApplication.PROP_HTTP_PORT,
                    S3MockApplication.RANDOM_PORT,
                    S3MockApplication.PROP_HTTPS_PORT,
                    S3MockApplication.RANDOM_PORT,
                    S3MockApplication.PROP_INITIAL_BUCKETS,
                    "outputs",
                    S3MockApplication.PROP_ROOT_DIRECTORY,
                    root.toString(),
                    S3MockApplication.PROP_SILENT,
                    true,
                    "spring.main.banner-mode",
                    "off",
                    "logging.level.root",
                    "WARN")));
    storage =
        new S3Storage(
            new S3Storage.Settings(
                "outputs",
                "us-east-1",
                URI.create("http://127.0.0.1:" + s3mock.getHttpPort()),
                true,
                "test-access-key",
                "test-secret-key",
                "antpath"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (storage != null) {
      storage.close();
    }
    if (s3mock != null) {
      s3mock.stop();
    }
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String key(UUID ws) {
    return OutputStorage.key(ws, UUID.randomUUID(), UUID.randomUUID());
  }

  @Test
  void smallAndMultipartObjects_roundTripWithSizeAndSha256_andRangesRead() throws Exception {
    UUID ws = UUID.randomUUID();
    for (int size : new int[] {0, 1000, S3Storage.PART * 2 + 12_345}) {
      byte[] data = new byte[size];
      new Random(size).nextBytes(data);
      String key = key(ws);
      OutputStorage.Stored s = storage.write(key, new ByteArrayInputStream(data), size);
      assertThat(s.sizeBytes()).isEqualTo(size);
      assertThat(s.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
      assertThat(storage.size(key)).isEqualTo(size);
      if (size > 10) {
        try (InputStream in = storage.read(key, 10)) {
          assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 10, size));
        }
      }
      storage.delete(key);
      assertThatThrownBy(() -> storage.size(key)).isInstanceOf(NoSuchFileException.class);
      storage.delete(key); // deleting again is fine
    }
  }

  @Test
  void aWriteOverItsLimit_leavesNoObject_andNoUploadBehind() throws Exception {
    String key = key(UUID.randomUUID());
    byte[] data = new byte[S3Storage.PART + 100];
    assertThatThrownBy(
            () -> storage.write(key, new ByteArrayInputStream(data), S3Storage.PART + 99))
        .isInstanceOf(OutputStorage.TooLargeException.class);
    assertThatThrownBy(() -> storage.size(key)).isInstanceOf(NoSuchFileException.class);
    String small = key(UUID.randomUUID());
    assertThatThrownBy(() -> storage.write(small, new ByteArrayInputStream(new byte[11]), 10))
        .isInstanceOf(OutputStorage.TooLargeException.class);
    assertThatThrownBy(() -> storage.size(small)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aPresignedLink_servesTheObjectWithItsHeaders_forFiveMinutes() throws Exception {
    String key = key(UUID.randomUUID());
    storage.write(key, new ByteArrayInputStream("report".getBytes()), 100);
    URI url =
        storage
            .presign(
                key,
                "reports/r.md",
                "text/markdown",
                OutputNames.disposition("reports/r.md"),
                Duration.ofMinutes(5))
            .orElseThrow();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("report");
    assertThat(r.headers().firstValue("content-type")).hasValue("text/markdown");
    assertThat(r.headers().firstValue("content-disposition"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("attachment; filename=\"r.md\""));
    // Signature and expiry are enforced by S3 itself; S3Mock does not check them, so that part
    // is not tested here.
    assertThat(url.getQuery()).contains("X-Amz-Expires=300").contains("X-Amz-Signature=");
  }
}
