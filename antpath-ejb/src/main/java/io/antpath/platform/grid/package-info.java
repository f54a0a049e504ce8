/**
 * The Payara data grid (Hazelcast) as this application uses it: a best-effort carrier of tiny
 * signals between instances, never a store. PostgreSQL stays the source of truth; an instance
 * without a grid (--nocluster, a split grid) still works, only slower to notice changes.
 */
package io.antpath.platform.grid;
