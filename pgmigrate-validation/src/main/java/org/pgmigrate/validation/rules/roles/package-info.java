/**
 * Built-in rules: roles, ownership and password hashes. Internal: only the rule ids are stable.
 */
package org.pgmigrate.validation.rules.roles;
