/**
 * Runnable examples of pgmigrate: {@link org.pgmigrate.examples.QuickStart} migrates a sample
 * database between two embedded servers, printing progress as the command line does, and
 * {@link org.pgmigrate.examples.MaskedCopy} is a copy strategy of a team's own.
 *
 * <p>Not an API: these classes are here to be read, copied and run. README snippets come from them,
 * so they change whenever the README does.
 */
package org.pgmigrate.examples;
