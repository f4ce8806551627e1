/**
 * The {@code pgmigrate} command line ({@link org.pgmigrate.cli.PgMigrateCommand}): a thin wrapper
 * over the public API. Options and help are picocli's, declared on the commands and on mixins
 * shared between them (endpoints, filters, tablespaces); the commands print progress and a
 * summary, write a JSON report (with Jackson) and map failures to exit codes.
 *
 * <p>The command line itself (options, exit codes, report fields) is the stable surface; the classes
 * here are not an API.
 */
package org.pgmigrate.cli;
