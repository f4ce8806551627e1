/**
 * Built-in rules: the connecting roles may read the source and create on the target. Internal: only the rule ids are stable.
 */
package org.pgmigrate.validation.rules.permissions;
