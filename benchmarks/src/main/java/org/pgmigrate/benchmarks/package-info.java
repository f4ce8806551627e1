/**
 * The side-by-side benchmark: {@link org.pgmigrate.benchmarks.Benchmark} generates a
 * database on an embedded server, migrates it with pgmigrate and with the PostgreSQL tools found on
 * the machine, round after round, checks every target against the source, and prints the medians,
 * throughputs, pgmigrate's peak heap and the ratios.
 *
 * <p>Not an API: a program, run with {@code mvn -B -ntp -pl benchmarks -am -Pbenchmark -DskipTests package}.
 */
package org.pgmigrate.benchmarks;
