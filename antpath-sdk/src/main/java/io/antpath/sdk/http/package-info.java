/** Transport: one place maps statuses to exceptions, one decorator retries. */
package io.antpath.sdk.http;
