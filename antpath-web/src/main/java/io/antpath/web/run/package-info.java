/** REST: {@code /api/v1/runs}. */
package io.antpath.web.run;
