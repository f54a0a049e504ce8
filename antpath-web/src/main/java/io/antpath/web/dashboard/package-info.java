/** The Faces dashboard's view beans: sign-in, sign-up, my workspaces, workspace settings. */
package io.antpath.web.dashboard;
