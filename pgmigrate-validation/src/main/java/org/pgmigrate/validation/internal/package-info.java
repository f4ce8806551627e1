/**
 * Implementation of validation: sessions, shared SQL fragments, base classes of the built-in
 * rules, and {@link org.pgmigrate.validation.internal.UncreatableObjects}, which the engine's
 * preflight uses too. Internal: no compatibility guarantees.
 */
package org.pgmigrate.validation.internal;
