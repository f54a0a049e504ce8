/** Run internals: request validation, the canonical request hash. */
package io.antpath.run.control;
