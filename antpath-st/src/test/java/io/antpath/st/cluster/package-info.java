/**
 * The fault suite: a cluster of real antpath server processes on one PostgreSQL, taken through
 * process-level and database faults (docs/reliability.md).
 */
package io.antpath.st.cluster;
