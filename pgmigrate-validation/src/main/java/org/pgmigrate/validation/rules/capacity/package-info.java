/**
 * Built-in rules: connections and lock table capacity. Internal: only the rule ids are stable.
 */
package org.pgmigrate.validation.rules.capacity;
