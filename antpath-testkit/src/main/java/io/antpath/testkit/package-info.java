/**
 * Fixtures for antpath's tests. Tests never depend on bin/dev or on each other: each test class
 * gets a database of its own on the local PostgreSQL (or the one named by {@code
 * ANTPATH_TEST_PG_ADMIN_URL}).
 */
package io.antpath.testkit;
