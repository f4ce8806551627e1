package org.pgmigrate.engine.internal.copy;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The digests of the rows a run's copy tasks read from the source, gathered per table: a table's
 * is the sum of its tasks' (its rows, or each of its parts), known only when this run copied all
 * of them. A table an earlier, interrupted run copied, wholly or in part, has none.
 */
public final class CopiedRows {
    private final Map<Long, List<String>> tasksByTable = new ConcurrentHashMap<>();
    private final Map<String, RowDigest> digests = new ConcurrentHashMap<>();

    /** The rows of the table with OID {@code table} are copied by {@code tasks}. */
    public void plan(long table, Collection<String> tasks) {
        tasksByTable.put(table, List.copyOf(tasks));
    }

    /** {@code task} read rows whose digest is {@code digest}; a retry of the task replaces it. */
    public void copied(String task, RowDigest digest) {
        digests.put(task, digest);
    }

    /** The digest of the table's rows, or null if this run did not copy all of them. */
    public RowDigest of(long table) {
        List<String> tasks = tasksByTable.getOrDefault(table, List.of());
        if (tasks.isEmpty() || !digests.keySet().containsAll(tasks)) {
            return null;
        }
        return tasks.stream().map(digests::get).reduce(RowDigest::plus).orElseThrow();
    }

    /** The digests of every table this run copied all of, by OID. */
    public Map<Long, RowDigest> all() {
        Map<Long, RowDigest> tables = new HashMap<>();
        tasksByTable.keySet().forEach(table -> {
            RowDigest digest = of(table);
            if (digest != null) {
                tables.put(table, digest);
            }
        });
        return tables;
    }
}
