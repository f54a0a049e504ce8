/** Runs: submit, read, list (auto-paging), cancel, delete. */
package io.antpath.sdk.run;
