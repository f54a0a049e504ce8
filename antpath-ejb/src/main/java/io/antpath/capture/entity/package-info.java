/** Captured output files of a run and the files that could not be captured, side by side. */
package io.antpath.capture.entity;
