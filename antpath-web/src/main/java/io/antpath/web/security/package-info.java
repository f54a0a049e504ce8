/**
 * Dashboard sign-in with Jakarta Security: a custom form mechanism over the local identity store
 * (PBKDF2 hashes), session cookie hardening. The REST API authenticates bearer tokens separately
 * ({@link io.antpath.web.platform.BearerAuthFilter}).
 */
package io.antpath.web.security;
