package org.pgmigrate.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pgmigrate.engine.internal.copy.Workers;
import org.pgmigrate.engine.internal.journal.TaskKeys;
import org.pgmigrate.engine.internal.journal.TaskRunner;
import org.pgmigrate.engine.internal.schema.Placement;
import org.pgmigrate.engine.internal.schema.PreDataBatch;

/**
 * Creates the pre-data objects batch by batch, each batch a journaled task in one transaction, on
 * as many workers as there are batches ready: a batch starts once the batches it needs have
 * committed. Thousands of tables in a schema are created by all the jobs rather than one by one
 * (a CREATE TABLE with its TOAST table costs the target about a millisecond).
 */
final class PreDataCreation {
    private PreDataCreation() {}

    static void run(Workers workers, TaskRunner tasks, List<PreDataBatch> batches) throws Exception {
        int[] waiting = new int[batches.size()];
        List<List<Integer>> dependents = new ArrayList<>();
        batches.forEach(b -> dependents.add(new ArrayList<>()));
        for (int i = 0; i < batches.size(); i++) {
            waiting[i] = batches.get(i).after().size();
            for (int needed : batches.get(i).after()) {
                dependents.get(needed).add(i);
            }
        }
        BlockingQueue<Integer> committed = new LinkedBlockingQueue<>();
        for (int i = 0; i < batches.size(); i++) {
            if (waiting[i] == 0) {
                submit(workers, tasks, batches.get(i), i, committed);
            }
        }
        for (int done = 0; done < batches.size(); ) {
            Integer batch = committed.poll(100, TimeUnit.MILLISECONDS);
            if (batch == null) {
                if (workers.stopping()) {
                    break; // a batch failed: the rest are skipped, and awaitIdle rethrows why
                }
                continue;
            }
            done++;
            for (int dependent : dependents.get(batch)) {
                if (--waiting[dependent] == 0) {
                    submit(workers, tasks, batches.get(dependent), dependent, committed);
                }
            }
        }
        workers.awaitIdle();
    }

    private static void submit(Workers workers, TaskRunner tasks, PreDataBatch batch, int index, BlockingQueue<Integer> committed) {
        String task = TaskKeys.batch(Placement.PRE_DATA, batch.first(), batch.last());
        workers.submit(session -> {
            tasks.run(session, task, StatementRunner.creating(batch.objects()));
            committed.add(index);
        });
    }
}
