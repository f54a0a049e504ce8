/** Token secrets: generation and hashing. */
package io.antpath.token.control;
