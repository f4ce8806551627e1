package org.pgmigrate.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.Phase;
import org.pgmigrate.PhaseResult;
import org.pgmigrate.ReplicationLag;
import org.pgmigrate.ServerInfo;
import org.pgmigrate.TableResult;
import org.pgmigrate.TableVerification;
import org.pgmigrate.TimelineEntry;
import org.pgmigrate.VerificationReport;

/** Hand-built results for the report's tests. */
final class ReportSamples {
    static final Instant START = Instant.parse("2025-01-31T10:15:30Z");

    private ReportSamples() {}

    /** A table's copy on {@code lane}, from {@code fromMillis} to {@code toMillis} after the start. */
    static TimelineEntry copy(String table, int lane, long fromMillis, long toMillis, long rows, long bytes) {
        return TimelineEntry.builder().kind(TimelineEntry.Kind.COPY).table(table).lane(lane)
                .start(START.plusMillis(fromMillis)).end(START.plusMillis(toMillis)).rows(rows).bytes(bytes).build();
    }

    static TimelineEntry index(String table, String index, int lane, long fromMillis, long toMillis) {
        return TimelineEntry.builder().kind(TimelineEntry.Kind.INDEX).table(table).part(index).lane(lane)
                .start(START.plusMillis(fromMillis)).end(START.plusMillis(toMillis)).build();
    }

    static TableResult table(String schema, String name, long rows, long bytes) {
        return TableResult.builder().schema(schema).name(name).rows(rows).bytes(bytes)
                .copyDuration(Duration.ofMillis(800)).indexDuration(Duration.ofMillis(200)).build();
    }

    static TableVerification verified(String schema, String name, long rows) {
        return TableVerification.builder().schema(schema).name(name).sourceRows(rows).targetRows(rows).parts(1).equal(true).build();
    }

    /** An offline run of three tables, one with a name full of markup, on two workers. */
    static MigrationResult.Builder offline() {
        String odd = "<b>\"odd\" & 'name'</b>";
        return MigrationResult.builder()
                .migrationId("m-7")
                .mode(MigrationMode.OFFLINE)
                .source(ServerInfo.builder().versionNumber(160004).database("shop").endpoint("app at jdbc:postgresql://old:5432/shop")
                        .databaseBytes(3L << 30).build())
                .target(ServerInfo.builder().versionNumber(170006).database("shop").endpoint("app at jdbc:postgresql://new:5432/shop").build())
                .startedAt(START)
                .duration(Duration.ofMillis(4000))
                .addPhases(PhaseResult.of(Phase.PREPARE, Duration.ofMillis(200)), PhaseResult.of(Phase.PRE_DATA, Duration.ofMillis(300)),
                        PhaseResult.of(Phase.DATA, Duration.ofMillis(2500)), PhaseResult.of(Phase.VERIFY, Duration.ofMillis(1000)))
                .addTables(table("public", "orders", 1000, 1 << 20), table("public", "customers", 200, 1 << 16), table("Sales", odd, 10, 512))
                .addTimeline(copy("public.orders", 1, 500, 2000, 1000, 1 << 20), index("public.orders", "orders_pkey", 1, 2000, 2600),
                        copy("public.customers", 2, 500, 900, 200, 1 << 16), copy(tableNames().get(2), 2, 900, 1000, 10, 512))
                .verification(VerificationReport.builder().addTables(verified("public", "orders", 1000), verified("public", "customers", 200),
                        verified("Sales", odd, 10)).duration(Duration.ofMillis(900)).build())
                .putObjects("table", 3)
                .jobs(2)
                .completed(true);
    }

    /** An online run with {@code samples} lag measurements, one a second. */
    static MigrationResult online(int samples) {
        MigrationResult.Builder b = offline().mode(MigrationMode.ONLINE).duration(Duration.ofSeconds(samples + 1));
        for (int i = 0; i < samples; i++) {
            b.addLag(ReplicationLag.of(1000L * i, Duration.ofMillis(10L * i), START.plusSeconds(i + 1), i, 10L * i));
        }
        return b.build();
    }

    static List<String> tableNames() {
        return List.of("public.orders", "public.customers", "\"Sales\".\"<b>\"\"odd\"\" & 'name'</b>\"");
    }
}
