/**
 * Built-in rules: objects and placements this version does not migrate as they are. Internal: only the rule ids are stable.
 */
package org.pgmigrate.validation.rules.other;
