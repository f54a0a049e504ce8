/**
 * Who is calling (a workspace-bound {@link io.antpath.access.entity.Caller}) and the access
 * failures.
 */
package io.antpath.access.entity;
