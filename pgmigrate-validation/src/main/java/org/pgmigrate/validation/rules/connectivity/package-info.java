/**
 * Built-in rules: servers answer, accept the credentials and have the databases. Internal: only the rule ids are stable.
 */
package org.pgmigrate.validation.rules.connectivity;
