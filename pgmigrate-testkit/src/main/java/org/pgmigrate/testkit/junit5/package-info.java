/**
 * JUnit 5 support: {@link org.pgmigrate.testkit.junit5.PostgresExtension} injects shared
 * {@link org.pgmigrate.testkit.PostgresServer}s and fresh
 * {@link org.pgmigrate.testkit.TestDatabase}s chosen with {@link org.pgmigrate.testkit.junit5.Pg}.
 *
 * <p>Stable for test code. The only package of the testkit that needs junit-jupiter-api, which the
 * testkit declares optional: add it to your own test dependencies.
 */
package org.pgmigrate.testkit.junit5;
