/**
 * Shared platform pieces every feature uses: id generation, configuration catalogue and checks, the
 * database (data source, migrations, readiness) and tenant-scoped query helpers.
 */
package io.antpath.platform;
