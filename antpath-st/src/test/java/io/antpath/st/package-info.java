/** System tests: the real server, started as a process, driven over HTTP and through the SDK. */
package io.antpath.st;
