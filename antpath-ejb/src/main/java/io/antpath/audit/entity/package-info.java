/**
 * The audit trail of security-relevant actions; it outlives what it describes and never holds
 * secrets.
 */
package io.antpath.audit.entity;
