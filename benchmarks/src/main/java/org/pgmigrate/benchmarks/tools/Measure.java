package org.pgmigrate.benchmarks.tools;

/** One line of the results: a timing a tool yields each round, and what role it plays in the comparison. */
public record Measure(String label, Kind kind) {
    public enum Kind {
        /** pgmigrate's migration: the figure every other line is compared with. */
        PGMIGRATE,
        /** pgmigrate's copy alone, verification skipped: what the verification's share is measured against. */
        COPY,
        /** Another way of migrating the same database. */
        ALTERNATIVE,
        /** Not a migration: what the target needs to ingest the data from local files. */
        FLOOR,
        /** A further figure of pgmigrate's, outside the timed migration. */
        EXTRA
    }
}
