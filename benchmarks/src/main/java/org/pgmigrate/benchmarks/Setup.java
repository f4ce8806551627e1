package org.pgmigrate.benchmarks;

/** What the figures were measured on, for the report's opening lines. */
record Setup(long databaseBytes, long rows, int tables, String servers, int jobs, int rounds, String machine) {
    Setup withMachine(String description) {
        return new Setup(databaseBytes, rows, tables, servers, jobs, rounds, description);
    }
}
