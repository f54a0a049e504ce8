package io.antpath.capture.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Output storage in an S3-compatible bucket (AWS S3, MinIO, Ceph ...), under an optional key
 * prefix. Writes stream in parts of {@link #PART} bytes (a multipart upload once a file is larger
 * than one part), so memory stays at one part buffer per capture whatever the file size; an aborted
 * write aborts its multipart upload, leaving nothing. Links are presigned GET URLs.
 */
public final class S3Storage implements OutputStorage, AutoCloseable {
  /** Part size of multipart uploads (S3's minimum is 5 MiB). */
  static final int PART = 8 * 1024 * 1024;

  /** Where and how to reach the bucket. */
  public record Settings(
      String bucket,
      String region,
      URI endpoint,
      boolean pathStyle,
      String accessKeyId,
      String secretAccessKey,
      String prefix) {}

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private final String prefix;

  public S3Storage(Settings settings) {
    AwsCredentialsProvider credentials =
        settings.accessKeyId() == null
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    S3Configuration config =
        S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
    var builder =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .serviceConfiguration(config);
    var presign =
        S3Presigner.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .serviceConfiguration(config);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
      presign.endpointOverride(settings.endpoint());
    }
    this.s3 = builder.build();
    this.presigner = presign.build();
    this.bucket = settings.bucket();
    String p = settings.prefix() == null ? "" : settings.prefix().replaceAll("^/+|/+$", "");
    this.prefix = p.isEmpty() ? "" : p + "/";
  }

  private String object(String key) {
    return prefix + OutputStorage.checked(key);
  }

  @Override
  public Stored write(String key, InputStream in, long maxBytes) throws IOException {
    String object = object(key);
    MessageDigest sha = sha256();
    byte[] buf = new byte[PART];
    long total = 0;
    int filled = fill(in, buf);
    total += filled;
    check(total, maxBytes);
    sha.update(buf, 0, filled);
    if (filled < PART) {
      try {
        s3.putObject(
            b -> b.bucket(bucket).key(object).contentLength((long) filled),
            RequestBody.fromBytes(java.util.Arrays.copyOf(buf, filled)));
      } catch (SdkException e) {
        throw new IOException(
            "storage refused the object (" + e.getClass().getSimpleName() + ")", e);
      }
      return new Stored(total, sha.digest());
    }
    String upload;
    try {
      upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(object)).uploadId();
    } catch (SdkException e) {
      throw new IOException("storage refused the object (" + e.getClass().getSimpleName() + ")", e);
    }
    List<CompletedPart> parts = new ArrayList<>();
    try {
      int n = filled;
      for (int part = 1; n > 0; part++) {
        int number = part;
        int length = n;
        String etag =
            s3.uploadPart(
                    b ->
                        b.bucket(bucket)
                            .key(object)
                            .uploadId(upload)
                            .partNumber(number)
                            .contentLength((long) length),
                    RequestBody.fromBytes(java.util.Arrays.copyOf(buf, length)))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        n = fill(in, buf);
        total += n;
        check(total, maxBytes);
        sha.update(buf, 0, n);
      }
      s3.completeMultipartUpload(
          b -> b.bucket(bucket).key(object).uploadId(upload).multipartUpload(m -> m.parts(parts)));
      return new Stored(total, sha.digest());
    } catch (IOException | RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(object).uploadId(upload));
      } catch (SdkException ignored) {
        // the bucket's lifecycle rule for incomplete uploads removes it
      }
      if (e instanceof SdkException) {
        throw new IOException(
            "storage refused the object (" + e.getClass().getSimpleName() + ")", e);
      }
      throw e;
    }
  }

  private static void check(long total, long maxBytes) throws TooLargeException {
    if (total > maxBytes) {
      throw new TooLargeException(maxBytes);
    }
  }

  /** Reads until {@code buf} is full or the stream ends; returns how many bytes it holds. */
  private static int fill(InputStream in, byte[] buf) throws IOException {
    int n = 0;
    while (n < buf.length) {
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n;
  }

  @Override
  public InputStream read(String key, long offset) throws IOException {
    try {
      return s3.getObject(b -> b.bucket(bucket).key(object(key)).range("bytes=" + offset + "-"));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(key);
    } catch (SdkException e) {
      throw new IOException("storage read failed (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  @Override
  public long size(String key) throws IOException {
    try {
      return s3.headObject(b -> b.bucket(bucket).key(object(key))).contentLength();
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(key);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new NoSuchFileException(key);
      }
      throw new IOException("storage read failed (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(object(key)));
    } catch (SdkException e) {
      throw new IOException("storage delete failed (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  @Override
  public void deleteWorkspace(UUID workspaceId) throws IOException {
    try {
      for (S3Object o :
          s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + workspaceId + "/"))
              .contents()) {
        s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
      }
    } catch (SdkException e) {
      throw new IOException("storage delete failed (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  @Override
  public Optional<URI> presign(
      String key, String filename, String contentType, String disposition, Duration ttl) {
    String object = object(key);
    return Optional.of(
        URI.create(
            presigner
                .presignGetObject(
                    p ->
                        p.signatureDuration(ttl)
                            .getObjectRequest(
                                g ->
                                    g.bucket(bucket)
                                        .key(object)
                                        .responseContentType(contentType)
                                        .responseContentDisposition(disposition)))
                .url()
                .toString()));
  }

  @Override
  public void close() {
    s3.close();
    presigner.close();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
