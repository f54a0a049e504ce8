/**
 * Vault internals: the master key ring (parsed from configuration) and, later, the AES-GCM sealing.
 */
package io.antpath.vault.control;
