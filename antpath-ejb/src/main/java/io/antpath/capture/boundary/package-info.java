/** Captured outputs: signed download links and the storage they are served from. */
package io.antpath.capture.boundary;
