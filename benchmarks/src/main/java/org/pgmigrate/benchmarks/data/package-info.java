/**
 * The benchmark's source database: its schema and rows, generated inside the server with
 * {@code generate_series}, scaled to a requested size from a small calibration run.
 *
 * <p>Not an API.
 */
package org.pgmigrate.benchmarks.data;
