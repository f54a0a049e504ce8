/** The Claude API client: calls, retries and error classes. */
package io.antpath.provider.control;
