/** People who use the dashboard: accounts and their local credentials. */
package io.antpath.identity.entity;
