/**
 * The configuration catalogue ({@link io.antpath.platform.config.Setting}: every key, its env-var
 * name, default and rule), the default values served to MicroProfile Config, and the start-up check
 * that stops a deployment with one clear line per bad value.
 */
package io.antpath.platform.config;
