package io.antpath.sim;

/** An API error answered with the standard envelope. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String type;
  final Integer retryAfter;

  ApiError(int status, String type, String message) {
    this(status, type, message, null);
  }

  ApiError(int status, String type, String message, Integer retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.retryAfter = retryAfter;
  }
}
