/**
 * Not API: the SDK's internals (HTTP transport, error mapping). Anything here may change in any
 * release; do not use it from application code.
 */
package io.antpath.sdk.internal;
