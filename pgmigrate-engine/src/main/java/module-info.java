/**
 * The implementation of pgmigrate's API, found by {@link org.pgmigrate.Migration} as a service.
 * Nothing in it is exported: applications depend on {@code org.pgmigrate.api}.
 */
module org.pgmigrate.engine {
    requires org.pgmigrate.api;
    requires org.pgmigrate.validation;
    requires org.postgresql.jdbc;
    requires org.slf4j;
    requires jdk.httpserver;
    requires static org.immutables.value;

    provides org.pgmigrate.spi.MigrationEngine with org.pgmigrate.engine.PgMigrateEngine;
}
