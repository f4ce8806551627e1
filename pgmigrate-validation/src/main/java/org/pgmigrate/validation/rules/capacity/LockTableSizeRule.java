package org.pgmigrate.validation.rules.capacity;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pgmigrate.Finding;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Server;
import org.pgmigrate.validation.Side;
import org.pgmigrate.validation.internal.CatalogSql;

/**
 * The source's shared lock table can hold a lock on every table and index: the copy reads all of
 * them in snapshot transactions that keep their locks until the end. The table holds
 * max_locks_per_transaction x (max_connections + background processes + max_prepared_transactions)
 * locks; it warns past half of that, since the applications hold locks too.
 */
public final class LockTableSizeRule extends BaseRule {
    public LockTableSizeRule() {
        super("lock-table-size", Category.CAPACITY);
    }

    @Override
    public Set<Side> reads() {
        return EnumSet.of(Side.SOURCE);
    }

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        Server source = context.source();
        long relations = Long.parseLong(source.value("SELECT count(*) FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I', 'S') AND " + CatalogSql.userNamespace("n")));
        long slots = lockSlots(source);
        long perTransaction = source.longSetting("max_locks_per_transaction");
        long capacity = perTransaction * slots;
        String figures = "the source has " + relations + " tables, indexes and sequences to read, and its lock table holds about "
                + capacity + " locks (max_locks_per_transaction = " + perTransaction + ")";
        long suggested = Math.max(64, (2 * relations + slots - 1) / slots);
        String remediation = "On the source: ALTER SYSTEM SET max_locks_per_transaction = " + suggested + "; then restart.";
        if (relations > capacity) {
            return List.of(failed("The copy would run out of shared memory for locks: " + figures + ".", remediation,
                    List.of("max_locks_per_transaction")));
        }
        if (relations > capacity / 2) {
            return List.of(warning("The copy would take more than half the source's lock table: " + figures
                    + "; applications running meanwhile may run out of locks.", remediation, List.of("max_locks_per_transaction")));
        }
        return List.of(succeeded("The lock table is large enough: " + figures + "."));
    }

    /** The sessions the lock table is sized for: connections, background processes and prepared transactions. */
    private static long lockSlots(Server source) throws SQLException {
        long backends = source.longSetting("max_connections") + source.longSetting("autovacuum_max_workers") + 1
                + source.longSetting("max_worker_processes")
                + (source.versionNumber() >= 120000 ? source.longSetting("max_wal_senders") : 0);
        return backends + source.longSetting("max_prepared_transactions");
    }
}
