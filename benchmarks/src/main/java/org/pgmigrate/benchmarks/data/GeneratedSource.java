package org.pgmigrate.benchmarks.data;

import org.pgmigrate.testkit.TestDatabase;

/** The generated source database and what it holds. */
public record GeneratedSource(TestDatabase database, long bytes, RowCounts rows) {}
