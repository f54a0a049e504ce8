/** Output capture: storage of output files, names, and the capture of a session's files. */
package io.antpath.capture.control;
