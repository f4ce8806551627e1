package org.pgmigrate.validation.rules.online;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationMode;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Server;

/**
 * Room for the replication slot online migration creates on the source, and for the replication
 * origin it tracks progress with on the target (limited by max_replication_slots before
 * PostgreSQL 18, by max_active_replication_origins from 18 on).
 */
public final class FreeReplicationSlotsRule extends BaseRule {
    public FreeReplicationSlotsRule() {
        super("free-replication-slots", Category.ONLINE);
    }

    @Override
    public Set<MigrationMode> modes() {
        return EnumSet.of(MigrationMode.ONLINE);
    }

    @Override
    public List<Finding> check(RuleContext context) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        Server source = context.source();
        long slots = source.longSetting("max_replication_slots");
        long used = Long.parseLong(source.value("SELECT count(*) FROM pg_catalog.pg_replication_slots"));
        if (slots - used < 1) {
            findings.add(failed("The source has no free replication slot: max_replication_slots = " + slots + ", " + used + " in use.",
                    "On the source: drop replication slots no longer used (SELECT pg_drop_replication_slot('name');), or raise"
                            + " max_replication_slots (ALTER SYSTEM SET max_replication_slots = " + (used + 1 + 10)
                            + "; leaves room to spare) and restart.",
                    List.of("max_replication_slots")));
        }
        Server target = context.target();
        String originSetting = target.versionNumber() >= 180000 ? "max_active_replication_origins" : "max_replication_slots";
        long origins = target.longSetting(originSetting);
        if (origins < 1) {
            findings.add(failed("The target has " + originSetting + " = " + origins + ", so it cannot track replication progress"
                            + " with a replication origin.",
                    "On the target: ALTER SYSTEM SET " + originSetting + " = 10; then restart.", List.of(originSetting)));
        }
        return findings.isEmpty()
                ? List.of(succeeded("The source has " + (slots - used) + " free replication slots; the target allows replication origins."))
                : findings;
    }
}
