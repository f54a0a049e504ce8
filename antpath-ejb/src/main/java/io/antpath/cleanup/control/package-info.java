/**
 * The cleanup state machine: after a run is terminal, each step (capture if missed, session files,
 * session, agent, environment, skills, Claude vault, then the run's vault entry, always) runs under
 * the run's lease, idempotently, within a retry budget that ends with the vault entry destroyed.
 */
package io.antpath.cleanup.control;
