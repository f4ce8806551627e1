/**
 * Implementation of validation: sessions, shared SQL fragments, base classes of the built-in
 * rules. Internal: no compatibility guarantees.
 */
package org.pgmigrate.validation.internal;
