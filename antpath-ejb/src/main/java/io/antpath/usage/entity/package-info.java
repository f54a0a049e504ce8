/** Token and session usage, one ledger row per usage report. */
package io.antpath.usage.entity;
