/** MicroProfile Health checks: readiness follows the database, liveness the process. */
package io.antpath.platform.health;
