/**
 * Real PostgreSQL servers for tests and demos ({@link org.pgmigrate.testkit.PostgresServer},
 * {@link org.pgmigrate.testkit.TestDatabase}), a sample database of every common kind of object
 * ({@link org.pgmigrate.testkit.SampleDatabase}), and an assertion that two databases hold the
 * same objects and data ({@link org.pgmigrate.testkit.DatabaseAssertions}). Free of JUnit; see
 * {@code org.pgmigrate.testkit.junit5} for the extension.
 *
 * <p>Stable for test code; servers come from zonky's embedded PostgreSQL binaries, or from
 * Testcontainers containers where {@link org.pgmigrate.testkit.ServerProvider} says so. The
 * assertion's catalog queries are the testkit's own and share nothing with the engine.
 */
package org.pgmigrate.testkit;
