/** REST: {@code /api/v1/workspace}. */
package io.antpath.web.workspace;
