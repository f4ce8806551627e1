/**
 * Connections, session settings, SQL quoting and error translation. Private; no compatibility guarantees.
 */
package org.pgmigrate.engine.internal.jdbc;
