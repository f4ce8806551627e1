package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.util.List;
import org.pgmigrate.Severity;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.internal.OnlineRule;

/**
 * max_slot_wal_keep_size (PostgreSQL 13 and newer) limits the WAL a slot may hold back: a
 * migration that falls further behind loses its slot and must start over.
 */
public final class MaxSlotWalKeepSizeRule extends OnlineRule {
    public MaxSlotWalKeepSizeRule() {
        super("max-slot-wal-keep-size", Severity.WARNING);
    }

    @Override
    public boolean appliesTo(int sourceVersion, int targetVersion) {
        return sourceVersion >= 130000;
    }

    @Override
    protected List<String> find(RuleContext context) throws SQLException {
        String size = context.source().setting("max_slot_wal_keep_size");
        return size == null || size.equals("-1") ? List.of() : List.of("max_slot_wal_keep_size = " + size + "MB");
    }

    @Override
    protected String problem(List<String> settings, RuleContext context) {
        return "The source has " + settings.get(0) + ": if the migration falls that far behind (during a long copy, say),"
                + " the source drops its replication slot and the migration must start over.";
    }

    @Override
    protected String remediation(List<String> settings, RuleContext context) {
        return "Make sure the limit is larger than the WAL written during the copy, or lift it on the source"
                + " (ALTER SYSTEM SET max_slot_wal_keep_size = -1; SELECT pg_reload_conf();) and watch the disk.";
    }

    @Override
    protected String nothingFound(RuleContext context) {
        return "No limit on the WAL a replication slot holds back.";
    }
}
