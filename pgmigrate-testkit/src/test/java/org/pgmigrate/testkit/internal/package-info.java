/** Tests of how the testkit finds PostgreSQL binaries, with fake zonky jars and a fake remote repository. */
package org.pgmigrate.testkit.internal;
