/**
 * The data phase: copies every table over the workers (whole, in parts, or small ones in
 * batches), builds each table's indexes as soon as its rows are in and finishes it, journaling
 * each step. Private; no compatibility guarantees.
 */
package org.pgmigrate.engine.internal.data;
