/** Hooks into the SDK's HTTP calls: retry telemetry and the sleeper between retries. */
package io.antpath.sdk.http;
