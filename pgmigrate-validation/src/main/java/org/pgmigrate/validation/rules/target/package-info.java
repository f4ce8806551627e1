/**
 * Built-in rules: what the target holds already and what runs there. Internal: only the rule ids are stable.
 */
package org.pgmigrate.validation.rules.target;
