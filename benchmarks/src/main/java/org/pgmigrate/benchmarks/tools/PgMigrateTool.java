package org.pgmigrate.benchmarks.tools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pgmigrate.Migration;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.MigrationResult;
import org.pgmigrate.VerificationPolicy;
import org.pgmigrate.VerificationReport;

/**
 * pgmigrate through its API, in this JVM, with {@code jobs} workers and its verification skipped,
 * so that it is timed doing what the other tools do; its heap is watched meanwhile. Its own
 * verification then runs separately, timed on a line of its own.
 */
public final class PgMigrateTool implements Tool {
    private final int jobs;
    private final Measure migration;
    private final Measure verification;

    public PgMigrateTool(int jobs) {
        this.jobs = jobs;
        this.migration = new Measure("pgmigrate (API, jobs " + jobs + ", verification skipped)", Measure.Kind.PGMIGRATE);
        this.verification = new Measure("pgmigrate's own verification, run after the copy", Measure.Kind.EXTRA);
    }

    @Override
    public ToolId id() {
        return ToolId.PGMIGRATE;
    }

    @Override
    public List<Measure> measures() {
        return List.of(migration, verification);
    }

    @Override
    public ToolRun run(RunContext context) {
        System.gc(); // start every run from the same, nearly empty heap
        MigrationResult result;
        Duration copying;
        HeapSampler heap = HeapSampler.start();
        try (heap) {
            long start = System.nanoTime();
            Migration.Builder builder = Migration.from(context.source().endpoint())
                    .to(context.target().endpoint())
                    .mode(MigrationMode.OFFLINE)
                    .jobs(jobs)
                    .verification(VerificationPolicy.SKIP);
            if (Timeline.wanted()) {
                builder.listener(new Timeline(System.out));
            }
            result = builder.execute();
            copying = Duration.ofNanos(System.nanoTime() - start);
        } catch (RuntimeException e) {
            throw new ToolFailedException("pgmigrate failed: " + e.getMessage(), e);
        }
        List<String> notes = new ArrayList<>();
        if (!result.completed()) {
            notes.add("pgmigrate reports an incomplete migration");
        }
        long start = System.nanoTime();
        VerificationReport report = Migration.from(context.source().endpoint()).to(context.target().endpoint()).jobs(jobs).verify();
        Duration verifying = Duration.ofNanos(System.nanoTime() - start);
        if (!report.equal()) {
            notes.add("pgmigrate's own verification found " + report.differences().size() + " difference(s), first: "
                    + report.differences().get(0));
        }
        return new ToolRun(Map.of(migration, copying, verification, verifying), Optional.of(heap.peak()), notes);
    }
}
