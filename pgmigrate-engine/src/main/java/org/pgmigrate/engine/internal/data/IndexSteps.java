package org.pgmigrate.engine.internal.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.IndexResult;
import org.pgmigrate.MigrationListener;
import org.pgmigrate.TimelineEntry.Kind;
import org.pgmigrate.engine.internal.StatementRunner;
import org.pgmigrate.engine.internal.copy.Workers;
import org.pgmigrate.engine.internal.journal.TaskKeys;
import org.pgmigrate.engine.internal.journal.TaskRunner;
import org.pgmigrate.engine.internal.run.Timeline;
import org.pgmigrate.engine.internal.schema.SchemaObject;

/**
 * A table's indexes and index-backed constraints as journaled steps: each index's build in a
 * transaction of its own, then, once all of the table's are built, the statements that follow
 * the builds (ADD CONSTRAINT ... USING INDEX, REPLICA IDENTITY, ATTACH PARTITION...). Each of
 * those takes an exclusive lock on the table, which would wait for every other build of the
 * table, holding a worker idle meanwhile (and, in the build's own transaction, deadlock with them).
 */
final class IndexSteps {
    private final MigrationListener listener;
    private final Clock clock;
    private final TaskRunner tasks;
    private final TaskKeys keys;
    private final Timeline timeline;

    IndexSteps(MigrationListener listener, Clock clock, TaskRunner tasks, TaskKeys keys, Timeline timeline) {
        this.listener = listener;
        this.clock = clock;
        this.tasks = tasks;
        this.keys = keys;
        this.timeline = timeline;
    }

    /** The indexes and index-backed constraints among a table's post-data objects. */
    static List<SchemaObject> indexes(List<SchemaObject> postData) {
        return postData.stream().filter(IndexSteps::isIndex).toList();
    }

    /** The table's other post-data objects: triggers, rules, policies... */
    static List<SchemaObject> rest(List<SchemaObject> postData) {
        return postData.stream().filter(o -> !isIndex(o)).toList();
    }

    private static boolean isIndex(SchemaObject o) {
        return o.kind().equals("index") || o.kind().equals("constraint");
    }

    /** Builds an index, or the unique index a constraint will use, on as many parallel workers as jobs are spare. */
    void build(Workers workers, Workers.Session session, String table, SchemaObject index) throws Exception {
        Map.Entry<String, SchemaObject> build = steps(index).entrySet().iterator().next();
        if (tasks.journal().done(build.getKey()).isPresent()) {
            return;
        }
        Instant start = clock.instant();
        int spareJobs = workers.spare();
        TaskRunner.Work creating = StatementRunner.creating(List.of(build.getValue()));
        tasks.run(session, build.getKey(), s -> {
            IndexBuildWorkers.limitTo(s.target(), spareJobs);
            return creating.run(s);
        });
        Instant end = clock.instant();
        timeline.add(Timeline.entry(Kind.INDEX, table, index.name(), session.lane(), start, end, 0, 0));
        listener.indexBuilt(IndexResult.of(table, index.name(), Duration.between(start, end)));
    }

    /** Whether any of {@code indexes} has statements that follow its build. */
    boolean attaches(List<SchemaObject> indexes) {
        return indexes.stream().anyMatch(index -> steps(index).size() > 1);
    }

    /** Runs the statements of the table's indexes that follow their builds, once all are built. */
    void attach(Workers.Session session, List<SchemaObject> indexes) throws Exception {
        for (SchemaObject index : indexes) {
            List<Map.Entry<String, SchemaObject>> steps = List.copyOf(steps(index).entrySet());
            if (steps.size() > 1) {
                tasks.run(session, steps.get(1).getKey(), StatementRunner.creating(List.of(steps.get(1).getValue())));
            }
        }
    }

    /**
     * The tasks of an index, in order, with what each runs: its build alone first when other
     * statements follow it, the rest under the index's own key.
     */
    Map<String, SchemaObject> steps(SchemaObject index) {
        String task = keys.of(index);
        List<String> statements = index.statements();
        Map<String, SchemaObject> steps = new LinkedHashMap<>();
        if (statements.size() > 1) {
            steps.put(task + ": build", index.withStatements(statements.subList(0, 1)));
        }
        steps.put(task, index.withStatements(statements.subList(statements.size() > 1 ? 1 : 0, statements.size())));
        return steps;
    }
}
