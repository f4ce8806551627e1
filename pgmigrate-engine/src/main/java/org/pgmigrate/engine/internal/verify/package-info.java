/**
 * Proves the target equals the source: per-table row counts and content checksums computed
 * inside each server, sequences, large objects and the schema. Private; no compatibility guarantees.
 */
package org.pgmigrate.engine.internal.verify;
