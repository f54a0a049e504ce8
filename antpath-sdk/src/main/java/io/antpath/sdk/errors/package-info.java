/**
 * One unchecked exception per outcome, rooted at {@link io.antpath.sdk.errors.AntpathException}.
 */
package io.antpath.sdk.errors;
