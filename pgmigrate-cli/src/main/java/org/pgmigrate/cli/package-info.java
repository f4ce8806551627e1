/**
 * The {@code pgmigrate} command line ({@link org.pgmigrate.cli.PgMigrateCommand}): a thin,
 * dependency-free wrapper over the public API that parses options strictly, prints progress and a
 * summary, writes a JSON report and maps failures to exit codes.
 *
 * <p>The command line itself (options, exit codes, report fields) is the stable surface; the classes
 * here are not an API.
 */
package org.pgmigrate.cli;
