package org.pgmigrate.engine.internal.online;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.engine.internal.jdbc.Connector;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Begin;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Commit;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Delete;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Insert;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Relation;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Truncate;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Tuple;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Update;
import org.pgmigrate.engine.internal.online.PgOutputMessage.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies decoded changes on the target in source commit order, over one connection with
 * {@code session_replication_role = replica} (target triggers and foreign key checks already
 * ran on the source). Rows go out in JDBC batches of consecutive same-shaped statements, never
 * holding a whole source transaction in memory; several small source transactions share one
 * target transaction. Before each target commit the replication origin is set to the end of the
 * last source transaction in it, so data and progress commit together: after any restart,
 * {@link #progress()} says exactly where to resume.
 */
final class ChangeApplier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);
    private static final int BATCH_ROWS = 1000;
    private static final int GROUP_ROWS = 20_000;
    private static final int GROUP_TRANSACTIONS = 500;
    private static final long GROUP_MILLIS = 200;
    private static final int STATEMENT_CACHE = 256;
    /** Microseconds from 1970-01-01 to 2000-01-01, the epoch of pgoutput timestamps. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private final Connection target;
    private final CopiedTables copied;
    /** What records the source's DDL, when it is replicated; else null. */
    private final DdlCapture ddl;
    /** The capture table's relation, once the stream has described it. */
    private int ddlRelation = -1;
    private final Clock clock;
    private final Map<Integer, ReplicatedRelation> relations = new HashMap<>();
    /** Relations the filter leaves out: their rows were not copied, so their changes are not applied. */
    private final java.util.Set<Integer> leftOut = new java.util.HashSet<>();
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true);
    private final PreparedStatement originXact;
    private final PreparedStatement forceTransactionId;

    /** Source transactions ending at or before this were applied before this session. */
    private final long resumeFrom;
    private boolean inSourceTransaction;
    private boolean skipping;
    /** Where the source transaction being received commits. */
    private long finalLsn;
    private boolean targetTransactionOpen;
    private long groupStartedMillis;
    private int groupTransactions;
    private int groupRows;
    private long groupEndLsn;
    private long groupCommitTime;

    private PreparedStatement batch;
    private boolean batchChecksRows;
    private String batchTable;
    private int batchRows;

    private volatile long committedLsn;
    private volatile Instant committedSourceTime;
    /** When the source committed the oldest transaction in the open target transaction; null when none is open. */
    private volatile Instant pendingSourceTime;
    private volatile long appliedTransactions;
    private volatile long appliedRows;

    /**
     * @param target a connection of its own, with the engine's session settings
     * @param origin the replication origin to record progress in
     */
    ChangeApplier(Connection target, String origin, CopiedTables copied, DdlCapture ddl, Clock clock) throws SQLException {
        this.target = target;
        this.copied = copied;
        this.ddl = ddl;
        this.clock = clock;
        try (Statement s = target.createStatement()) {
            s.execute("SET session_replication_role = replica");
            // Every update and delete finds its row by key. A generic plan cached while a table was
            // small (it was analysed empty at the copy) would stay a sequential scan as the stream
            // fills the table, reading all of it for each row; without sequential scans the plan
            // is an index scan whatever the statistics say, and is planned once.
            s.execute("SET enable_seqscan = off");
        }
        try (PreparedStatement ps = target.prepareStatement("SELECT pg_catalog.pg_replication_origin_session_setup(?)")) {
            ps.setString(1, origin);
            ps.execute();
        }
        this.resumeFrom = originProgress(target, origin, false);
        this.committedLsn = resumeFrom;
        target.setAutoCommit(false);
        this.originXact = target.prepareStatement("SELECT pg_catalog.pg_replication_origin_xact_setup(?::pg_catalog.pg_lsn,"
                + " pg_catalog.to_timestamp(? / 1000000.0))");
        this.forceTransactionId = target.prepareStatement("SELECT pg_catalog.txid_current()");
    }

    /** The origin's progress: the end of the last source transaction committed on the target (durable only when {@code flushed}). */
    static long originProgress(Connection target, String origin, boolean flushed) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT pg_catalog.pg_replication_origin_progress(?, ?)::text")) {
            ps.setString(1, origin);
            ps.setBoolean(2, flushed);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String lsn = rs.getString(1);
                return lsn == null ? 0 : Lsn.parse(lsn);
            }
        }
    }

    /** Where the stream must resume: the end of the last source transaction committed on the target. */
    long progress() {
        return resumeFrom;
    }

    void apply(PgOutputMessage message) throws SQLException {
        if (message instanceof Begin b) {
            begin(b);
        } else if (message instanceof Commit c) {
            commit(c);
        } else if (message instanceof Relation r) {
            flushBatch(); // a relation may change how later rows of its table are written
            if (ddl != null && ddl.isCapture(r)) {
                ddlRelation = r.oid();
                return;
            }
            if (ddl != null && !ddl.rowsMigrated(r.schema(), r.name())) {
                leftOut.add(r.oid()); // a table created during the migration that the filter leaves out
                return;
            }
            CopiedTables.CopiedTable table = relationAfterDdl(r);
            if (table == null) {
                leftOut.add(r.oid());
            } else {
                leftOut.remove(r.oid());
                relations.put(r.oid(), new ReplicatedRelation(r, table));
            }
        } else if (skipping || isLeftOut(message)) {
            return;
        } else if (message instanceof Insert i && i.relation() == ddlRelation) {
            runDdl(i.row());
        } else if (message instanceof Insert i) {
            ReplicatedRelation r = relation(i.relation());
            bindAndAdd(r.insertSql(), r.table(), false, i.row(), null, null, null);
        } else if (message instanceof Update u) {
            update(u);
        } else if (message instanceof Delete d) {
            ReplicatedRelation r = relation(d.relation());
            ReplicatedRelation.Statement where = r.where(d.oldRow() != null ? d.oldRow() : d.oldKey());
            bindAndAdd(r.deleteSql(where), r.table(), true, null, null, d.oldRow() != null ? d.oldRow() : d.oldKey(), where);
        } else if (message instanceof Truncate t) {
            truncate(t);
        }
        // Origin, Type and logical messages need nothing on the target
    }

    /**
     * The copied table {@code relation} describes. When DDL is replicated, a table whose columns
     * changed on the source changed on the target too, earlier in the stream: it is described
     * anew from the target.
     */
    private CopiedTables.CopiedTable relationAfterDdl(Relation relation) throws SQLException {
        try {
            return copied.check(relation);
        } catch (PgMigrateException e) {
            if (ddl == null || e.kind() != ErrorKind.SOURCE_SCHEMA_CHANGED) {
                throw e;
            }
            return copied.refresh(target, relation, e);
        }
    }

    /** Runs on the target, at its point in the stream, a DDL statement the source's event trigger recorded. */
    private void runDdl(Tuple row) throws SQLException {
        flushBatch();
        // the capture table's columns: id, command, search_path, objects
        String command = DdlText.forTarget(row.get(1).text());
        if (ddl.decide(TextArray.parse(row.get(3).text()), command, target) == DdlCapture.Decision.SKIP) {
            LOG.info("Not replicating DDL on what the migration leaves out: {}", command);
            return;
        }
        LOG.info("Replicating DDL: {}", command);
        try (PreparedStatement path = target.prepareStatement("SELECT pg_catalog.set_config('search_path', ?, true)");
             Statement s = target.createStatement()) {
            path.setString(1, row.get(2).text());
            path.execute();
            s.execute(command);
            path.setString(1, ""); // the engine's sessions run with an empty search_path
            path.execute();
        }
        groupRows++;
    }

    private void begin(Begin b) throws SQLException {
        inSourceTransaction = true;
        finalLsn = b.finalLsn();
        // the end of a transaction's commit record is never after the start of the next commit
        skipping = Lsn.before(b.finalLsn(), resumeFrom);
        if (skipping) {
            LOG.debug("Skipping source transaction {} committed at {}: already applied", Integer.toUnsignedString(b.xid()),
                    Lsn.format(b.finalLsn()));
            return;
        }
        if (!targetTransactionOpen) {
            targetTransactionOpen = true;
            groupStartedMillis = clock.millis();
            pendingSourceTime = instant(b.commitTime());
        }
    }

    private void commit(Commit c) throws SQLException {
        inSourceTransaction = false;
        if (skipping) {
            skipping = false;
            return;
        }
        groupTransactions++;
        groupEndLsn = c.endLsn();
        groupCommitTime = c.commitTime();
        if (groupRows >= GROUP_ROWS || groupTransactions >= GROUP_TRANSACTIONS || clock.millis() - groupStartedMillis >= GROUP_MILLIS) {
            commitTarget();
        }
    }

    private void update(Update u) throws SQLException {
        ReplicatedRelation r = relation(u.relation());
        Tuple key = u.oldRow() != null ? u.oldRow() : u.oldKey() != null ? u.oldKey() : u.row();
        ReplicatedRelation.Statement where = r.where(key);
        ReplicatedRelation.Statement set = r.update(u.row(), u.oldKey() != null, where);
        bindAndAdd(set.sql(), r.table(), true, u.row(), set, key, where);
    }

    private boolean isLeftOut(PgOutputMessage message) {
        if (message instanceof Insert i) {
            return skips(i.relation());
        } else if (message instanceof Update u) {
            return skips(u.relation());
        } else if (message instanceof Delete d) {
            return skips(d.relation());
        }
        return false;
    }

    /** A table the filter leaves out, or whose (resumed) copy already holds the current transaction. */
    private boolean skips(int relation) {
        return leftOut.contains(relation) || copied.inCopy(relation, finalLsn);
    }

    private void truncate(Truncate t) throws SQLException {
        flushBatch();
        List<String> tables = new ArrayList<>();
        for (int oid : t.relations()) {
            if (!skips(oid)) {
                tables.add(relation(oid).table());
            }
        }
        if (tables.isEmpty()) {
            return;
        }
        // CASCADE is not passed on: every table the source truncated is in the message
        String sql = "TRUNCATE ONLY " + String.join(", ", tables) + (t.restartIdentity() ? " RESTART IDENTITY" : "");
        try (Statement s = target.createStatement()) {
            s.execute(sql);
        }
        groupRows++;
        appliedRows++;
    }

    private ReplicatedRelation relation(int oid) {
        ReplicatedRelation r = relations.get(oid);
        if (r == null) {
            throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "The stream sent a change of relation OID " + oid
                    + " before describing it; the replication stream is inconsistent.");
        }
        return r;
    }

    /**
     * Binds one row's statement and adds it to the batch; statements of another shape first send
     * the batch, so order is kept.
     *
     * @param values the tuple {@code set} binds from, or null for an INSERT binding all of {@code values}
     */
    private void bindAndAdd(String sql, String table, boolean checksRows, Tuple values, ReplicatedRelation.Statement set,
                            Tuple key, ReplicatedRelation.Statement where) throws SQLException {
        PreparedStatement ps = statement(sql);
        if (ps != batch) {
            flushBatch();
            batch = ps;
            batchChecksRows = checksRows;
            batchTable = table;
        }
        int p = 1;
        if (values != null && set == null) {
            for (int i = 0; i < values.size(); i++) {
                bind(ps, p++, values.get(i));
            }
        } else if (set != null) {
            for (int i : set.columns()) {
                bind(ps, p++, values.get(i));
            }
        }
        if (where != null) {
            for (int i : where.columns()) {
                bind(ps, p++, key.get(i));
            }
        }
        ps.addBatch();
        batchRows++;
        groupRows++;
        if (batchRows >= BATCH_ROWS) {
            flushBatch();
        }
    }

    private static void bind(PreparedStatement ps, int index, Value value) throws SQLException {
        switch (value.kind()) {
            case NULL -> ps.setNull(index, Types.VARCHAR);
            case TEXT -> ps.setString(index, value.text());
            default -> throw new IllegalStateException("Cannot bind a " + value.kind() + " value");
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            if (statements.size() >= STATEMENT_CACHE) {
                flushBatch();
                var eldest = statements.entrySet().iterator().next();
                eldest.getValue().close();
                statements.remove(eldest.getKey());
            }
            ps = target.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private void flushBatch() throws SQLException {
        if (batch == null || batchRows == 0) {
            return;
        }
        int rows = batchRows;
        batchRows = 0;
        int[] counts;
        try {
            counts = batch.executeBatch();
        } catch (BatchUpdateException e) {
            throw e.getNextException() != null ? e.getNextException() : e;
        }
        if (batchChecksRows) {
            for (int count : counts) {
                if (count != 1) {
                    throw new PgMigrateException(ErrorKind.MIGRATION_FAILED, "An update or delete replayed from the source matched "
                            + count + " rows of " + batchTable + " on the target instead of 1: the target no longer holds the same"
                            + " rows as the source (was it written to by something else?). The migration stopped without"
                            + " applying that change.");
                }
            }
        }
        appliedRows += rows;
    }

    /** Whether a source transaction has begun and not yet committed. */
    boolean inSourceTransaction() {
        return inSourceTransaction;
    }

    /** The stream has nothing more right now: commits what is applied, unless a source transaction is half-way. */
    void idle() throws SQLException {
        if (!inSourceTransaction && targetTransactionOpen) {
            commitTarget();
        }
    }

    /** Commits the open target transaction with the origin set to the end of its last source transaction. */
    private void commitTarget() throws SQLException {
        flushBatch();
        if (groupTransactions > 0 && groupRows == 0) {
            // Source transactions that change nothing here (pre-15 sources send empty ones, such
            // as the cutover's logical message): the origin only advances with a transaction id,
            // and progress that never advances would never be reported durable.
            forceTransactionId.execute();
        }
        if (groupTransactions > 0) {
            originXact.setString(1, Lsn.format(groupEndLsn));
            originXact.setLong(2, groupCommitTime + PG_EPOCH_MICROS);
            originXact.execute();
        }
        target.commit();
        targetTransactionOpen = false;
        if (groupTransactions > 0) {
            committedLsn = groupEndLsn;
            committedSourceTime = instant(groupCommitTime);
            appliedTransactions += groupTransactions;
        }
        groupTransactions = 0;
        groupRows = 0;
        pendingSourceTime = null;
    }

    private static Instant instant(long pgMicros) {
        return Instant.EPOCH.plusNanos((pgMicros + PG_EPOCH_MICROS) * 1000);
    }

    /** When the source committed the oldest transaction applied but not yet committed here; null when none. */
    Instant pendingSourceTime() {
        return pendingSourceTime;
    }

    /** Commits what is applied and waits until it is durable on the target (for the cutover). */
    void commitDurably() throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute("SET LOCAL synchronous_commit = on");
        }
        commitTarget();
    }

    /** The end LSN of the last source transaction committed on the target (not necessarily flushed yet). */
    long committedLsn() {
        return committedLsn;
    }

    /** When the source committed the last transaction now committed on the target; null before the first. */
    Instant committedSourceTime() {
        return committedSourceTime;
    }

    long appliedTransactions() {
        return appliedTransactions;
    }

    long appliedRows() {
        return appliedRows;
    }

    Connection connection() {
        return target;
    }

    /** Rolls back what is not committed, and lets the origin go so another session (or a drop) can take it. */
    @Override
    public void close() {
        try {
            target.rollback();
            target.setAutoCommit(true);
            try (Statement s = target.createStatement()) {
                s.execute("SELECT pg_catalog.pg_replication_origin_session_reset()");
            }
        } catch (SQLException e) {
            LOG.debug("Resetting the apply session failed (the connection is probably gone): {}", e.getMessage());
        }
        Connector.closeQuietly(target);
    }
}
