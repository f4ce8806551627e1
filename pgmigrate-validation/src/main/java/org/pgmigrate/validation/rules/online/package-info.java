/**
 * Built-in rules: prerequisites and limits of online migration (logical replication). Internal: only the rule ids are stable.
 */
package org.pgmigrate.validation.rules.online;
