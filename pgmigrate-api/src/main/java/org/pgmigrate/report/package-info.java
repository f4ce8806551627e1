/**
 * Reports for people: a migration's result, a validation report or a failure as one
 * self-contained HTML page ({@link org.pgmigrate.report.HtmlReport}), and the human-readable
 * numbers the reports and the command line print ({@link org.pgmigrate.report.Units}).
 *
 * <p>Stable, like {@code org.pgmigrate}. JDK only: no template engine, no script.
 */
package org.pgmigrate.report;
