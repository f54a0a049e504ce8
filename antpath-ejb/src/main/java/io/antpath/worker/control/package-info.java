/** Claiming runs under leases and driving them on the provider, in plain JDBC and HTTP. */
package io.antpath.worker.control;
