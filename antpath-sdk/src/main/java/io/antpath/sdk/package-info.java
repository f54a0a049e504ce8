/**
 * The antpath Java SDK. Start with {@link io.antpath.sdk.AntpathClient#builder()} or {@link
 * io.antpath.sdk.AntpathClient#fromEnv()}.
 */
package io.antpath.sdk;
