/** Run use cases: submit (idempotent, admission-checked, secrets sealed), read and list. */
package io.antpath.run.boundary;
