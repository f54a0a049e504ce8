/** Workspaces (the tenant boundary) and who belongs to them with which role. */
package io.antpath.workspace.entity;
