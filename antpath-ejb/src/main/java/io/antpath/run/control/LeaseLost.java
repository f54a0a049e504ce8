package io.antpath.run.control;

/**
 * The lease is gone: another worker owns the run now, or the run left this worker's hands. Thrown
 * by every lease-guarded write that matched no row, so a stale owner stops at its next write and
 * has written nothing.
 */
public final class LeaseLost extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LeaseLost() {
    super("lease lost", null, false, false);
  }
}
