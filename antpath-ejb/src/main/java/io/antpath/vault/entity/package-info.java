/** Sealed per-run secrets bundles: ciphertext, key id and nonce only. */
package io.antpath.vault.entity;
