/** Operators' endpoints: the engine's metrics. */
package io.antpath.web.ops;
