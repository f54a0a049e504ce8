/** In-process metrics and their Prometheus exposition; depends on no feature. */
package io.antpath.platform.metrics;
