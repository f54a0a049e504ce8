/** Reading a workspace's audit log (who did what, from where, with what outcome). */
package io.antpath.audit.boundary;
