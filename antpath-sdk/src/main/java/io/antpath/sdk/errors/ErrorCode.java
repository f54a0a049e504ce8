package io.antpath.sdk.errors;

import java.util.Locale;

/**
 * The stable error codes of antpath's problem documents ({@code code}). {@link #UNKNOWN} stands for
 * a code this SDK version does not know yet (the raw value stays in {@link
 * AntpathServiceException#code()}).
 */
public enum ErrorCode {
  /** 400: a field is missing or invalid; the detail names it. */
  INVALID_REQUEST,
  /** 400: a secret could never be sent (e.g. an API key without the {@code sk-ant-} shape). */
  INVALID_SECRET,
  /** 401: no API token was sent. */
  UNAUTHENTICATED,
  /** 401: the token is invalid, revoked or expired. */
  INVALID_TOKEN,
  /** 403: the token's scopes or its creator's role do not allow this. */
  FORBIDDEN,
  /** 403: a signed download link has expired; create a new one. */
  LINK_EXPIRED,
  /** 403: a signed download link is forged, altered or from a removed key. */
  LINK_INVALID,
  /** 404: no such resource in the token's workspace. */
  NOT_FOUND,
  /** 405: the method is not supported on this path. */
  METHOD_NOT_ALLOWED,
  /** 406: the server answers JSON only. */
  NOT_ACCEPTABLE,
  /** 409: the Idempotency-Key was used with another body. */
  IDEMPOTENCY_CONFLICT,
  /** 409: the run has already ended. */
  RUN_TERMINAL,
  /** 409: a workspace cap (queued runs or storage) is reached. */
  QUOTA_EXCEEDED,
  /** 409: the workspace is being deleted. */
  WORKSPACE_PENDING_DELETE,
  /** 409: the last owner of a workspace cannot be removed or demoted. */
  LAST_OWNER,
  /** 409: the user is already a member. */
  ALREADY_MEMBER,
  /** 415: send {@code application/json}. */
  UNSUPPORTED_MEDIA_TYPE,
  /** 429: too many requests; see {@link RateLimitException#retryAfter()}. */
  RATE_LIMITED,
  /** 500: the server failed. */
  INTERNAL_ERROR,
  /** A code this SDK version does not know, or no code at all. */
  UNKNOWN;

  /**
   * The code as the API writes it, e.g. {@code idempotency_conflict}.
   *
   * @return the wire value ({@code unknown} for {@link #UNKNOWN})
   */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant for a wire value.
   *
   * @param value the code as the API writes it, or null
   * @return its constant, or {@link #UNKNOWN}
   */
  public static ErrorCode of(String value) {
    if (value != null) {
      for (ErrorCode c : values()) {
        if (c != UNKNOWN && c.value().equals(value)) {
          return c;
        }
      }
    }
    return UNKNOWN;
  }

  @Override
  public String toString() {
    return value();
  }
}
