/** JAX-RS wiring shared by every feature: the application class and service information. */
package io.antpath.web.platform;
