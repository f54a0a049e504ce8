/** API token use cases: authenticate a bearer, create, list and revoke tokens. */
package io.antpath.token.boundary;
