/** Identity internals: finding accounts. */
package io.antpath.identity.control;
