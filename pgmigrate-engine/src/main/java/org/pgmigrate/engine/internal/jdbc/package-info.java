/**
 * Connections, session settings, SQL quoting, error translation, and the tool's own DDL run with
 * event triggers paused. Private; no compatibility guarantees.
 */
package org.pgmigrate.engine.internal.jdbc;
