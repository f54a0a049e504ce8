/** Cluster-wide fixed-window rate limiting, counted in PostgreSQL. */
package io.antpath.ratelimit.control;
