/** The one place that decides who may do what: roles × token scopes × actions. */
package io.antpath.access.control;
