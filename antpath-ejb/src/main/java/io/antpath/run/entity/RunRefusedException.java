package io.antpath.run.entity;

import io.antpath.platform.DomainException;

/**
 * A submission refused before anything was written: {@code idempotency_conflict} (the key was used
 * with another body), {@code quota_exceeded} (queued runs or storage over the workspace cap),
 * {@code workspace_pending_delete}.
 */
public class RunRefusedException extends DomainException {
  private static final long serialVersionUID = 1L;

  public RunRefusedException(String code, String detail) {
    super(409, code, "Run refused", detail);
  }
}
