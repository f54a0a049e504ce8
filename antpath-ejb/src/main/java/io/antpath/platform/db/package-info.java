/**
 * The database: the application-defined JTA data source (configured from MicroProfile Config), the
 * Flyway migration run at start-up with its compatibility checks, and the entity catalogue.
 */
package io.antpath.platform.db;
