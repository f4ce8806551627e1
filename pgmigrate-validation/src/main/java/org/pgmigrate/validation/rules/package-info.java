/**
 * The built-in rules, one subpackage per {@link org.pgmigrate.validation.Category}. Their ids are
 * stable (users disable rules by id); the classes are internal: no compatibility guarantees.
 */
package org.pgmigrate.validation.rules;
