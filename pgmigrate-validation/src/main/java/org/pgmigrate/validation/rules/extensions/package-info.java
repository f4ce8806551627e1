/**
 * Built-in rules: extensions and libraries the target must provide. Internal: only the rule ids are stable.
 */
package org.pgmigrate.validation.rules.extensions;
