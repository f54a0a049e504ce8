package io.antpath.run.entity;

import jakarta.ejb.ApplicationException;

/**
 * Another submission with the same idempotency key committed first (a race the unique constraint
 * settles). An application exception, so the container rolls back without logging a system error;
 * the caller answers with the winner.
 */
@ApplicationException(rollback = true)
public class DuplicateSubmissionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuplicateSubmissionException() {
    super("a run with this idempotency key was created concurrently");
  }
}
