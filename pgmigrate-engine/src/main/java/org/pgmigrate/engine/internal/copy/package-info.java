/**
 * Streams table rows from the source into the target, digesting them on the way (see
 * {@link org.pgmigrate.engine.internal.copy.RowDigest}), and schedules copy and index work over a
 * bounded pool. Private; no compatibility guarantees.
 */
package org.pgmigrate.engine.internal.copy;
