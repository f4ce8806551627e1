/**
 * Built-in rules: server versions, and objects that newer majors no longer accept. Internal: only the rule ids are stable.
 */
package org.pgmigrate.validation.rules.versions;
