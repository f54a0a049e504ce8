/** Rate-limit outcomes. */
package io.antpath.ratelimit.entity;
