/**
 * Real PostgreSQL servers for tests and demos, sample databases, and assertions that compare two
 * databases. Free of JUnit; see {@code org.pgmigrate.testkit.junit5} for the extension.
 *
 * <p>Stable for test code; servers come from zonky's embedded PostgreSQL binaries.
 */
package org.pgmigrate.testkit;
