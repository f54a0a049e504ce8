/**
 * API tokens: workspace-bound, scoped credentials for programs. Only a hash of the secret is
 * stored.
 */
package io.antpath.token.entity;
