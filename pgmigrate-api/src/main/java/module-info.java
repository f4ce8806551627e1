/**
 * pgmigrate's API: what an application calls and implements. Every package here is stable
 * (the {@code spi.copy} package is incubating, as its documentation says).
 */
module org.pgmigrate.api {
    requires transitive java.sql;
    requires static org.immutables.value;

    exports org.pgmigrate;
    exports org.pgmigrate.report;
    exports org.pgmigrate.spi;
    exports org.pgmigrate.spi.copy;

    uses org.pgmigrate.spi.MigrationEngine;
}
