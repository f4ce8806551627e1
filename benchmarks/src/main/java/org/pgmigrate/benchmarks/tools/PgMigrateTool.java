package org.pgmigrate.benchmarks.tools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.VerificationReport;

/**
 * pgmigrate through its API, in this JVM, with {@code jobs} workers, its heap watched meanwhile:
 * either as a user runs it, with its defaults (verification on), timed as the migration every
 * other line is compared with, its verification's share on a line of its own; or with
 * verification skipped, to see what the copy alone costs.
 */
public final class PgMigrateTool implements Tool {
    private final int jobs;
    private final boolean verified;
    private final Measure migration;
    private final Measure verification;

    private PgMigrateTool(int jobs, boolean verified) {
        this.jobs = jobs;
        this.verified = verified;
        this.migration = verified
                ? new Measure("pgmigrate (API, jobs " + jobs + ", defaults: verification on)", Measure.Kind.PGMIGRATE)
                : new Measure("pgmigrate with verification skipped (the copy alone)", Measure.Kind.COPY);
        // tables finished during the copy are compared then, on idle workers: not in this phase
        this.verification = new Measure("of which pgmigrate's VERIFY phase", Measure.Kind.EXTRA);
    }

    /** pgmigrate with its default options. */
    public static PgMigrateTool defaults(int jobs) {
        return new PgMigrateTool(jobs, true);
    }

    /** pgmigrate with verification skipped. */
    public static PgMigrateTool copyOnly(int jobs) {
        return new PgMigrateTool(jobs, false);
    }

    @Override
    public ToolId id() {
        return verified ? ToolId.PGMIGRATE : ToolId.PGMIGRATE_COPY;
    }

    @Override
    public List<Measure> measures() {
        return verified ? List.of(migration, verification) : List.of(migration);
    }

    @Override
    public ToolRun run(RunContext context) {
        System.gc(); // start every run from the same, nearly empty heap
        MigrationResult result;
        Duration migrating;
        HeapSampler heap = HeapSampler.start();
        try (heap) {
            long start = System.nanoTime();
            Migration.Builder builder = Migration.from(context.source().endpoint())
                    .to(context.target().endpoint())
                    .mode(MigrationMode.OFFLINE)
                    .jobs(jobs);
            if (!verified) {
                builder.verification(VerificationPolicy.SKIP);
            }
            if (Timeline.wanted()) {
                builder.listener(new Timeline(System.out));
            }
            result = builder.execute();
            migrating = Duration.ofNanos(System.nanoTime() - start);
        } catch (RuntimeException e) {
            throw new ToolFailedException("pgmigrate failed: " + e.getMessage(), e);
        }
        List<String> notes = new ArrayList<>();
        if (!result.completed()) {
            notes.add("pgmigrate reports an incomplete migration");
        }
        Map<Measure, Duration> timings = new HashMap<>(Map.of(migration, migrating));
        if (verified) {
            Optional<VerificationReport> report = result.verification();
            if (report.isEmpty()) {
                notes.add("pgmigrate's default run reports no verification");
            } else {
                timings.put(verification, report.get().duration());
                if (!report.get().equal()) {
                    notes.add("pgmigrate's own verification found " + report.get().differences().size() + " difference(s), first: "
                            + report.get().differences().get(0));
                }
            }
        }
        return new ToolRun(timings, Optional.of(heap.peak()), notes);
    }
}
