/** Sign-in and sign-up with local credentials. */
package io.antpath.identity.boundary;
