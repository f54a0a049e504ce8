package io.antpath.sdk.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A signed, expiring download URL for one captured output. Anyone holding the URL can download the
 * file until {@code expiresAt}; treat it like a password ({@code toString()} hides it).
 *
 * @param url the signed URL, absolute or relative to the base URL
 * @param expiresAt when the link stops working
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OutputLink(String url, Instant expiresAt) {
  @Override
  public String toString() {
    // The URL's signature is a bearer credential.
    return "OutputLink[expiresAt=" + expiresAt + "]";
  }
}
