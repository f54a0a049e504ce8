/** Writing the audit trail. */
package io.antpath.audit.control;
