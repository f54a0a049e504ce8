/** Downloads of captured outputs through signed links. */
package io.antpath.web.output;
