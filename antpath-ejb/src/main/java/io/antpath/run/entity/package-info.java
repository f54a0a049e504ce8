/**
 * Runs and their history: the run (status, cleanup status, lease, frozen caps), each worker
 * attempt, and the redacted provider events.
 */
package io.antpath.run.entity;
