package io.antpath.capture.boundary;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.NotFoundException;
import io.antpath.audit.control.AuditTrail;
import io.antpath.capture.control.LinkSigner;
import io.antpath.capture.control.OutputNames;
import io.antpath.capture.control.OutputStorage;
import io.antpath.capture.entity.OutputObject;
import io.antpath.platform.DomainException;
import io.antpath.platform.Timestamps;
import io.antpath.platform.config.Setting;
import io.antpath.platform.crypto.VaultKeyRing;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.ratelimit.control.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;

/**
 * Signed, expiring download links for captured outputs. Creating one checks the caller's workspace
 * and scope first, is rate-limited per workspace and audited; opening one needs no credential but
 * the signature, which binds workspace, output and expiry.
 */
@Stateless
public class OutputLinks {
  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject RateLimiter limiter;
  @Inject Config config;
  @Inject Storage storage;

  /**
   * A link: a URL the storage serves itself ({@code direct}, e.g. a presigned S3 URL), or the parts
   * of an antpath link that the caller builds under its own base URL.
   */
  public record Link(
      UUID workspaceId, UUID outputId, long expires, String signature, Optional<URI> direct) {}

  /** What a valid link serves. */
  public record Download(
      String storageKey, String filename, String contentType, long sizeBytes, String sha256Hex) {}

  /** The link is forged, altered, for another workspace, or from a removed key (403). */
  public static final class LinkRefusedException extends DomainException {
    private static final long serialVersionUID = 1L;

    LinkRefusedException(boolean expired) {
      super(
          403,
          expired ? "link_expired" : "link_invalid",
          expired ? "Link expired" : "Link invalid",
          expired
              ? "this download link has expired; ask for a new one"
              : "this download link is not valid");
    }
  }

  /**
   * A link to one output of one run of the caller's workspace.
   *
   * @throws NotFoundException for a run or output that is not the caller's workspace's
   */
  public Link create(Caller caller, UUID runId, UUID outputId) {
    AccessPolicy.require(caller, Action.OUTPUTS_READ);
    Instant now = Timestamps.now();
    OutputObject output =
        WorkspaceScope.of(em, caller.workspaceId())
            .where(OutputObject.class, "e.id = :id and e.runId = :run")
            .setParameter("id", outputId)
            .setParameter("run", runId)
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> new NotFoundException("output"));
    limiter.hit(
        "output-link:workspace:" + caller.workspaceId(),
        config.getValue(Setting.RATELIMIT_OUTPUT_LINKS.key(), Integer.class),
        Duration.ofMinutes(1),
        "download links",
        now);
    long expires =
        now.getEpochSecond() + config.getValue(Setting.LINKS_TTL_SECONDS.key(), Integer.class);
    audit.success(caller, "output.link", "output", output.getId().toString(), now);
    Optional<URI> direct =
        storage
            .get()
            .presign(
                output.getStorageKey(),
                output.getFilename(),
                output.getContentType(),
                OutputNames.disposition(output.getFilename()),
                Duration.ofSeconds(expires - now.getEpochSecond()));
    return new Link(
        caller.workspaceId(),
        output.getId(),
        expires,
        direct.isPresent() ? null : signer().sign(caller.workspaceId(), output.getId(), expires),
        direct);
  }

  /** What the link serves, after checking its signature and expiry. */
  public Download open(UUID workspaceId, UUID outputId, long expires, String signature) {
    LinkSigner.Verdict verdict =
        signer().verify(workspaceId, outputId, expires, signature, Timestamps.now());
    if (verdict != LinkSigner.Verdict.VALID) {
      throw new LinkRefusedException(verdict == LinkSigner.Verdict.EXPIRED);
    }
    OutputObject o =
        WorkspaceScope.of(em, workspaceId)
            .find(OutputObject.class, outputId)
            .orElseThrow(() -> new NotFoundException("output"));
    return new Download(
        o.getStorageKey(),
        o.getFilename(),
        o.getContentType(),
        o.getSizeBytes(),
        java.util.HexFormat.of().formatHex(o.getSha256()));
  }

  /** The storage outputs are read from. */
  public OutputStorage storage() {
    return storage.get();
  }

  // Parsed on first use (as AesGcmVault does), not on every link and download.
  private LinkSigner signer;

  private LinkSigner signer() {
    if (signer == null) {
      signer =
          new LinkSigner(
              VaultKeyRing.parse(
                  config.getValue(Setting.VAULT_KEYS.key(), String.class),
                  config
                      .getOptionalValue(Setting.VAULT_ACTIVE_KEY_ID.key(), String.class)
                      .orElse(null)));
    }
    return signer;
  }
}
