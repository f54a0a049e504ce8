/** The cleanup state machine's record: one row per step attempt. */
package io.antpath.cleanup.entity;
