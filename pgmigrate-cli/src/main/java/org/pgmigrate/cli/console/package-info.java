/**
 * What the command line prints while a migration runs and when it ends: progress as a live bar on
 * a terminal or as plain lines elsewhere ({@link org.pgmigrate.cli.console.ConsoleProgress}), the
 * summary ({@link org.pgmigrate.cli.console.Summary}) and the units they share.
 *
 * <p>Public so that programs of their own (the examples' quick start) print the same way; not a
 * stable API: the text may change in any release.
 */
package org.pgmigrate.cli.console;
