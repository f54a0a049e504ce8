/** Workspace use cases: the caller's workspace, and the dev-mode demo data. */
package io.antpath.workspace.boundary;
