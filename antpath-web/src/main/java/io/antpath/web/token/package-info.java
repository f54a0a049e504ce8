/** REST: {@code /api/v1/tokens}. */
package io.antpath.web.token;
