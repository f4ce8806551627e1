/**
 * The implementation of pgmigrate's API, registered with {@link java.util.ServiceLoader}. Only
 * {@link org.pgmigrate.engine.PgMigrateEngine} lives here; everything else is internal.
 */
package org.pgmigrate.engine;
