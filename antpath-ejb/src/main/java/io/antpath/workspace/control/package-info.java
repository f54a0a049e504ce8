/** Workspace internals: the effective caps (tier defaults with per-workspace overrides). */
package io.antpath.workspace.control;
