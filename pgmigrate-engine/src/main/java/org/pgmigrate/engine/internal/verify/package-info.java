/**
 * Proves the target equals the source: per-table row counts and digests of the rows' COPY
 * forms (the copy's digest of the source, one read of the target, hashed in place on 14+),
 * sequences, large objects and the schema. Private; no compatibility guarantees.
 */
package org.pgmigrate.engine.internal.verify;
