/**
 * Built-in rules: encoding, locale and collations. Internal: only the rule ids are stable.
 */
package org.pgmigrate.validation.rules.encoding;
