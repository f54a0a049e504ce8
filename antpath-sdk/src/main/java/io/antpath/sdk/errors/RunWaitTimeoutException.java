package io.antpath.sdk.errors;

import java.time.Duration;

/** A run did not reach a terminal status within the time the caller was willing to wait. */
public class RunWaitTimeoutException extends AntpathException {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final String lastStatus;

  public RunWaitTimeoutException(String runId, String lastStatus, Duration waited) {
    super(
        "run " + runId + " was still " + lastStatus + " after waiting " + waited.toSeconds() + " s",
        null);
    this.runId = runId;
    this.lastStatus = lastStatus;
  }

  public String runId() {
    return runId;
  }

  /** The status the run had when the wait ended. */
  public String lastStatus() {
    return lastStatus;
  }
}
