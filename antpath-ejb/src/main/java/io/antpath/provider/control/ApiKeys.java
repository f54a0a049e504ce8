package io.antpath.provider.control;

/**
 * What a Claude API key must look like to be sent at all: visible ASCII only (a legal HTTP header
 * value with no spaces, control characters or typographic quotes pasted in by mistake), with the
 * {@code sk-ant-} prefix, at most 512 characters. Checked at submission, so a key that could never
 * work is refused there, and again before every call, so no HTTP client ever builds an exception
 * message that quotes it.
 */
public final class ApiKeys {
  /** The longest key accepted (real keys are about 100 characters). */
  public static final int MAX_LENGTH = 512;

  private ApiKeys() {}

  /** Whether {@code key} can be sent as the {@code x-api-key} header. */
  public static boolean isSendable(String key) {
    if (key == null
        || key.length() < 8
        || key.length() > MAX_LENGTH
        || !key.startsWith("sk-ant-")) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code value} (an MCP token) can be sent as a header value: visible ASCII, no spaces.
   */
  public static boolean isHeaderSafe(String value, int maxLength) {
    if (value == null || value.isEmpty() || value.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
