/** The worker of this instance: claim loop and drive executor, on managed executors. */
package io.antpath.worker.boundary;
