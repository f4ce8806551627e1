/**
 * The contenders: pgmigrate through its API, and the external programs ({@code pg_dump},
 * {@code pg_restore}, {@code psql}, {@code pgcopydb}) found on the machine, with the command lines
 * they are run with and the timings each run yields.
 *
 * <p>Not an API.
 */
package org.pgmigrate.benchmarks.tools;
