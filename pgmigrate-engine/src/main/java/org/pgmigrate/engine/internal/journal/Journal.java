package org.pgmigrate.engine.internal.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.jdbc.EventTriggersPaused;
import org.pgmigrate.engine.internal.jdbc.OwnSchema;

/**
 * What a migration has done, kept in the target database it migrates into (schema
 * {@code pgmigrate}), so that a run that failed, was cancelled or killed can be resumed.
 *
 * <p>A task's "done" row is written in the same target transaction as the task's own work (the
 * rows of a table part, an index...): after a crash either both are there or neither is, so a
 * resumed run skips exactly what is in and redoes the rest, never twice. A "running" row is
 * written before a task starts, in its own transaction, so a resumed run can say what was in
 * flight. One row in {@code pgmigrate.journal_run} identifies the run and fingerprints the source
 * schema it copies, so a resume against a different source or filter is refused.
 */
public final class Journal {
    static final String RUNNING = "running";
    static final String DONE = "done";

    /** What a finished task moved. */
    public record Outcome(long rows, long bytes) {
        public static final Outcome NONE = new Outcome(0, 0);
    }

    /** The earlier run a resumed journal belongs to. */
    public record EarlierRun(String migrationId, Instant startedAt, int runs, long doneTasks, long inFlightTasks) {}

    private final boolean persistent;
    private final Map<String, Outcome> done = new ConcurrentHashMap<>();
    private final EarlierRun earlier;

    private Journal(boolean persistent, EarlierRun earlier, Map<String, Outcome> done) {
        this.persistent = persistent;
        this.earlier = earlier;
        this.done.putAll(done);
    }

    /** A journal kept in memory only, for steps run on their own (in tests) that nothing resumes. */
    public static Journal inMemory() {
        return new Journal(false, null, Map.of());
    }

    /** Whether {@code target}'s database holds a journal. */
    public static boolean exists(Connection target) throws SQLException {
        return OwnSchema.hasTable(target, "journal_run");
    }

    /** Says what the earlier run left, for the refusal of a new run into its target. */
    public static String describe(Connection target) throws SQLException {
        try (Statement s = target.createStatement();
             ResultSet rs = s.executeQuery("SELECT r.migration_id, r.started_at::text,"
                     + " (SELECT pg_catalog.count(*) FROM pgmigrate.journal j WHERE j.state = 'done')"
                     + " FROM pgmigrate.journal_run r")) {
            return rs.next() ? "migration " + rs.getString(1) + " (started " + rs.getString(2) + ", " + rs.getLong(3) + " tasks done)"
                    : "an earlier migration";
        }
    }

    /** Starts the journal of a new run in {@code target}'s database (auto-commit connection). */
    public static Journal create(Connection target, String migrationId, String fingerprint) throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS pgmigrate");
            // keys: a migrated publication FOR ALL TABLES may publish updates, which then need a replica identity
            s.execute("CREATE TABLE pgmigrate.journal_run (migration_id text PRIMARY KEY, source_fingerprint text NOT NULL,"
                    + " started_at timestamptz NOT NULL DEFAULT pg_catalog.now(), resumed_at timestamptz, runs integer NOT NULL DEFAULT 1)");
            s.execute("CREATE TABLE pgmigrate.journal (task text PRIMARY KEY, state text NOT NULL CHECK (state IN ('running', 'done')),"
                    + " rows bigint, bytes bigint, updated_at timestamptz NOT NULL DEFAULT pg_catalog.now())");
        }
        try (PreparedStatement ps = target.prepareStatement(
                "INSERT INTO pgmigrate.journal_run (migration_id, source_fingerprint) VALUES (?, ?)")) {
            ps.setString(1, migrationId);
            ps.setString(2, fingerprint);
            ps.execute();
        }
        return new Journal(true, null, Map.of());
    }

    /**
     * Reopens the journal an earlier run left in {@code target}'s database, to resume it.
     *
     * @throws PgMigrateException ({@link ErrorKind#SOURCE_SCHEMA_CHANGED}) when the source schema,
     *     as the filter selects it, is not the one the earlier run copied
     */
    public static Journal resume(Connection target, String fingerprint) throws SQLException {
        String migrationId;
        Instant startedAt;
        int runs;
        try (Statement s = target.createStatement();
             ResultSet rs = s.executeQuery("SELECT migration_id, source_fingerprint, started_at, runs FROM pgmigrate.journal_run")) {
            if (!rs.next()) {
                throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The target's journal (schema pgmigrate) is damaged: it does not"
                        + " say which migration it belongs to. Drop and recreate the target database and migrate again.");
            }
            migrationId = rs.getString(1);
            if (!rs.getString(2).equals(fingerprint)) {
                throw new PgMigrateException(ErrorKind.SOURCE_SCHEMA_CHANGED, "The source schema (as the filter selects it) is not the"
                        + " one migration " + migrationId + " started to copy into this target: the source changed since, or the options"
                        + " differ. A migration can only be resumed against the same source, with the same filter and roles. Drop and"
                        + " recreate the target database and migrate again.");
            }
            startedAt = rs.getTimestamp(3).toInstant();
            runs = rs.getInt(4);
        }
        Map<String, Outcome> done = new java.util.HashMap<>();
        long inFlight = 0;
        try (Statement s = target.createStatement();
             ResultSet rs = s.executeQuery("SELECT task, state, rows, bytes FROM pgmigrate.journal")) {
            while (rs.next()) {
                if (rs.getString(2).equals(DONE)) {
                    done.put(rs.getString(1), new Outcome(rs.getLong(3), rs.getLong(4)));
                } else {
                    inFlight++;
                }
            }
        }
        try (Statement s = target.createStatement()) {
            s.execute("UPDATE pgmigrate.journal_run SET resumed_at = pg_catalog.now(), runs = runs + 1");
        }
        return new Journal(true, new EarlierRun(migrationId, startedAt, runs, done.size(), inFlight), done);
    }

    /** The run this journal resumes, if it does. */
    public Optional<EarlierRun> earlierRun() {
        return Optional.ofNullable(earlier);
    }

    /** What {@code task} moved, when it is done (in this run or an earlier one). */
    public Optional<Outcome> done(String task) {
        return Optional.ofNullable(done.get(task));
    }

    /** Done tasks whose key starts with {@code prefix}. */
    public Map<String, Outcome> doneWithPrefix(String prefix) {
        Map<String, Outcome> found = new java.util.TreeMap<>();
        done.forEach((task, outcome) -> {
            if (task.startsWith(prefix)) {
                found.put(task, outcome);
            }
        });
        return found;
    }

    /** Records {@code task} done on its own ({@code target} in auto-commit), for work that is not transactional. */
    public void record(Connection target, String task) throws SQLException {
        if (persistent) {
            upsert(target, DONE, Map.of(task, Outcome.NONE));
        }
        done.put(task, Outcome.NONE);
    }

    /** Records that {@code tasks} start, in a transaction of their own ({@code target} in auto-commit). */
    void started(Connection target, List<String> tasks) throws SQLException {
        if (persistent) {
            Map<String, Outcome> running = new LinkedHashMap<>();
            tasks.forEach(task -> running.put(task, Outcome.NONE));
            upsert(target, RUNNING, running);
        }
    }

    /** Records tasks done inside the caller's transaction on {@code target}; call {@link #committed} after the commit. */
    void finished(Connection target, Map<String, Outcome> outcomes) throws SQLException {
        if (persistent) {
            upsert(target, DONE, outcomes);
        }
    }

    /** The transaction that recorded these tasks done has committed. */
    void committed(Map<String, Outcome> outcomes) {
        done.putAll(outcomes);
    }

    /**
     * Whether the target recorded {@code task} done: after a connection broke while committing,
     * the commit may or may not have happened.
     */
    Optional<Outcome> doneOnTarget(Connection target, String task) throws SQLException {
        if (!persistent) {
            return Optional.empty();
        }
        try (PreparedStatement ps = target.prepareStatement("SELECT rows, bytes FROM pgmigrate.journal WHERE task = ? AND state = 'done'")) {
            ps.setString(1, task);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Outcome outcome = new Outcome(rs.getLong(1), rs.getLong(2));
                done.put(task, outcome);
                return Optional.of(outcome);
            }
        }
    }

    /** Forgets the done tasks whose key starts with {@code prefix}, inside the caller's transaction on {@code target}. */
    public void forget(Connection target, String prefix) throws SQLException {
        done.keySet().removeIf(task -> task.startsWith(prefix));
        if (persistent) {
            try (PreparedStatement ps = target.prepareStatement("DELETE FROM pgmigrate.journal WHERE pg_catalog.starts_with(task, ?)")) {
                ps.setString(1, prefix);
                ps.execute();
            }
        }
    }

    /** Writes the rows of several tasks in one statement: one round trip however many there are. */
    private static void upsert(Connection target, String state, Map<String, Outcome> outcomes) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("INSERT INTO pgmigrate.journal (task, state, rows, bytes)"
                + " SELECT u.task, ?, u.rows, u.bytes FROM ROWS FROM (pg_catalog.unnest(?::text[]), pg_catalog.unnest(?::bigint[]),"
                + " pg_catalog.unnest(?::bigint[])) AS u (task, rows, bytes)"
                + " ON CONFLICT (task) DO UPDATE SET state = EXCLUDED.state, rows = EXCLUDED.rows, bytes = EXCLUDED.bytes,"
                + " updated_at = pg_catalog.now()")) {
            ps.setString(1, state);
            ps.setArray(2, target.createArrayOf("text", outcomes.keySet().toArray()));
            ps.setArray(3, target.createArrayOf("int8", outcomes.values().stream().map(Outcome::rows).toArray()));
            ps.setArray(4, target.createArrayOf("int8", outcomes.values().stream().map(Outcome::bytes).toArray()));
            ps.execute();
        }
    }

    /**
     * Removes the journal from {@code target}'s database once the migration completed; the schema
     * goes too unless something else (an online migration's control table) is in it.
     */
    public static void remove(Connection target) throws SQLException {
        EventTriggersPaused.run(target, s -> {
            s.execute("DROP TABLE IF EXISTS pgmigrate.journal, pgmigrate.journal_run");
            OwnSchema.dropIfEmpty(s);
        });
    }
}
