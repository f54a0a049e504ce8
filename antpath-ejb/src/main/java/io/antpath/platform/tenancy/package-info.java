/**
 * Tenant isolation by construction: workspace-owned entities implement {@link
 * io.antpath.platform.tenancy.WorkspaceOwned}, and they are read through a {@link
 * io.antpath.platform.tenancy.WorkspaceScope}, which cannot be built without naming the workspace.
 */
package io.antpath.platform.tenancy;
