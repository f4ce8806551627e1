package org.pgmigrate.engine.internal.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.TableProgress;

/** Turns a table copy's running totals into at most one progress event a second. */
final class ProgressThrottle {
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Clock clock;
    private final Instant start;
    private final String table;
    private final OptionalLong estimatedRows;
    private final MigrationListener listener;
    private Instant last;

    ProgressThrottle(Clock clock, Instant start, String table, long estimatedRows, MigrationListener listener) {
        this.clock = clock;
        this.start = start;
        this.last = start;
        this.table = table;
        this.estimatedRows = estimate(estimatedRows);
        this.listener = listener;
    }

    /** A table's estimated row count as progress reports it: none when the catalog has none (negative). */
    static OptionalLong estimate(long estimatedRows) {
        return estimatedRows >= 0 ? OptionalLong.of(estimatedRows) : OptionalLong.empty();
    }

    void copied(long rows, long bytes) {
        Instant now = clock.instant();
        if (Duration.between(last, now).compareTo(INTERVAL) < 0) {
            return;
        }
        last = now;
        listener.tableProgress(TableProgress.builder().qualifiedName(table).rows(rows).bytes(bytes)
                .estimatedRows(estimatedRows).elapsed(Duration.between(start, now)).build());
    }
}
