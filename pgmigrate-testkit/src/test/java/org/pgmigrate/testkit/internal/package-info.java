/**
 * Tests of how the testkit runs servers: finding PostgreSQL binaries, with fake zonky jars and a
 * fake remote repository, and the testcontainers provider's checks before a container starts.
 */
package org.pgmigrate.testkit.internal;
