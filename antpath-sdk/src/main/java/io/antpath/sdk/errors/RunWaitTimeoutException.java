package io.antpath.sdk.errors;

import io.antpath.sdk.run.RunStatus;
import java.time.Duration;

/**
 * A run did not reach a terminal status within the time the caller was willing to wait. The run
 * goes on; wait again, or cancel it.
 */
public class RunWaitTimeoutException extends AntpathException {
  private static final long serialVersionUID = 1L;

  private final String runId;
  private final RunStatus lastStatus;

  /**
   * A wait that ran out.
   *
   * @param runId the run waited for
   * @param lastStatus its status when the wait ended
   * @param waited how long the caller waited
   */
  public RunWaitTimeoutException(String runId, RunStatus lastStatus, Duration waited) {
    super(
        "run " + runId + " was still " + lastStatus + " after waiting " + waited.toSeconds() + " s",
        null);
    this.runId = runId;
    this.lastStatus = lastStatus;
  }

  /**
   * The run waited for.
   *
   * @return its id
   */
  public String runId() {
    return runId;
  }

  /**
   * The status the run had when the wait ended.
   *
   * @return the last status seen
   */
  public RunStatus lastStatus() {
    return lastStatus;
  }
}
