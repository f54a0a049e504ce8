/**
 * The per-run secrets vault: seal at submission, open only in the worker, destroy at cleanup.
 * {@link io.antpath.vault.boundary.Vault} is the SPI an external KMS or secrets manager can
 * implement.
 */
package io.antpath.vault.boundary;
